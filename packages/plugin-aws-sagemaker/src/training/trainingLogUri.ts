/** The CloudWatch Logs console page of a training job's log streams (group /aws/sagemaker/TrainingJobs, streams `<job>/…`). */
export function trainingLogUri(region: string, jobName: string): string {
  return (
    `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}` +
    `#logStream:group=/aws/sagemaker/TrainingJobs;prefix=${jobName}/;streamFilter=typeLogStreamPrefix`
  );
}
