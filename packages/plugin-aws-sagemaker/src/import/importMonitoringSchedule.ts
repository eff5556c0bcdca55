import type { S3Client } from '@aws-sdk/client-s3';
import {
  DescribeDataQualityJobDefinitionCommand,
  type DescribeDataQualityJobDefinitionCommandOutput,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeMonitoringScheduleCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { retryPolicyFrom } from '@driftwatch/aws-common';
import { UsageError } from '@driftwatch/core';
import { parseModelMonitorFile } from '@driftwatch/drift';
import { type AwsCaller, sendAws } from '../client/callAws.js';
import { getObjectText } from '../s3/objectIo.js';
import { parseS3Uri } from '../s3/parseS3Uri.js';
import { awsCronToCron } from './awsCronToCron.js';

/** What `driftwatch import sagemaker-monitor` makes of a monitoring schedule. */
export interface ImportedSchedule {
  /** The schedule's name: the `MonitoringSchedule` dimension of its CloudWatch metrics. */
  readonly scheduleName: string;
  /** `DataQuality` (the only type imported whole). */
  readonly monitoringType: string;
  /** The Driftwatch monitor, as config (plain data). */
  readonly monitor: Record<string, unknown>;
  /** The schedule: Model Monitor's expression and its five-field cron, when it has one. */
  readonly schedule: { readonly expression: string; readonly cron?: string };
  /** Baseline files and feature names read from S3 (checked against the documented schemas). */
  readonly baseline: { readonly statistics: string; readonly constraints: string; readonly features: readonly string[] };
  /** What the schedule sets that Driftwatch does not carry over, one line each. */
  readonly notCarried: readonly string[];
}

/** How the imported config's AWS providers connect (copied into each of them). */
export interface ImportConnection {
  readonly region?: string;
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
}

const retry = retryPolicyFrom({ maxAttempts: 5, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000 }, {});
const sageMakerCaller: AwsCaller = { provider: 'sagemaker', retry };
const s3Caller: AwsCaller = { provider: 's3', retry };

/**
 * Reads a Model Monitor data-quality schedule — DescribeMonitoringSchedule, its
 * DescribeDataQualityJobDefinition (or the schedule's inline job definition), the endpoint's
 * data-capture destination (DescribeEndpoint, DescribeEndpointConfig) and the baseline files on
 * S3 — and makes the Driftwatch monitor that reads the same capture against the same baseline
 * and constraints, publishing Model Monitor's CloudWatch names under the same schedule name.
 */
export async function importMonitoringSchedule(
  clients: { readonly sageMaker: SageMakerClient; readonly s3: S3Client },
  scheduleName: string,
  connection: ImportConnection = {},
): Promise<ImportedSchedule> {
  const notCarried: string[] = [];
  const schedule = await sendAws(sageMakerCaller, 'DescribeMonitoringSchedule', () =>
    clients.sageMaker.send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: scheduleName })),
  );
  const config = schedule.MonitoringScheduleConfig ?? {};
  const monitoringType = schedule.MonitoringType ?? config.MonitoringType ?? 'DataQuality';
  if (monitoringType !== 'DataQuality') {
    throw new UsageError(
      `monitoring schedule ${scheduleName} is of type ${monitoringType}: only DataQuality schedules are imported (model-quality, bias and explainability schedules are not yet)`,
    );
  }

  let baselineConfig: { ConstraintsResource?: { S3Uri?: string }; StatisticsResource?: { S3Uri?: string } } | undefined;
  let endpointName = schedule.EndpointName;
  let environment: Record<string, string> = {};
  let job: DescribeDataQualityJobDefinitionCommandOutput | undefined;
  if (config.MonitoringJobDefinitionName) {
    job = await sendAws(sageMakerCaller, 'DescribeDataQualityJobDefinition', () =>
      clients.sageMaker.send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: config.MonitoringJobDefinitionName })),
    );
    baselineConfig = job.DataQualityBaselineConfig;
    endpointName ??= job.DataQualityJobInput?.EndpointInput?.EndpointName;
    environment = job.DataQualityAppSpecification?.Environment ?? {};
    const app = job.DataQualityAppSpecification;
    if (app?.RecordPreprocessorSourceUri) notCarried.push(`record preprocessor script ${app.RecordPreprocessorSourceUri} (not run)`);
    if (app?.PostAnalyticsProcessorSourceUri)
      notCarried.push(`post-analytics processor script ${app.PostAnalyticsProcessorSourceUri} (not run)`);
    if (job.DataQualityJobInput?.BatchTransformInput) notCarried.push('batch transform input (only endpoint data capture is imported)');
    const input = job.DataQualityJobInput?.EndpointInput;
    if (input?.StartTimeOffset || input?.EndTimeOffset)
      notCarried.push(`analysis window offsets ${input.StartTimeOffset ?? ''}…${input.EndTimeOffset ?? ''}`);
    if (input?.ExcludeFeaturesAttribute) notCarried.push(`excluded features ${input.ExcludeFeaturesAttribute}`);
    const resources = job.JobResources?.ClusterConfig;
    if (resources)
      notCarried.push(
        `processing cluster (${resources.InstanceCount ?? 1} × ${resources.InstanceType ?? '?'}): Driftwatch runs where it is started`,
      );
    if (job.RoleArn) notCarried.push(`IAM role ${job.RoleArn}: Driftwatch uses the credentials it runs with`);
    if (job.NetworkConfig && Object.keys(job.NetworkConfig).length > 0) notCarried.push('network config (VPC, encryption between nodes)');
    if (job.DataQualityJobOutputConfig?.MonitoringOutputs?.length)
      notCarried.push('S3 output of reports: each run writes constraint_violations.json and statistics.json to a local folder (output:)');
  } else if (config.MonitoringJobDefinition) {
    // Schedules made before job definitions were separate carry the job inline.
    const inline = config.MonitoringJobDefinition;
    baselineConfig = inline.BaselineConfig;
    endpointName ??= inline.MonitoringInputs?.[0]?.EndpointInput?.EndpointName;
    environment = inline.Environment ?? {};
    if (inline.MonitoringAppSpecification?.ImageUri)
      notCarried.push(`container image ${inline.MonitoringAppSpecification.ImageUri} (Driftwatch runs Model Monitor's checks itself)`);
  }
  const statistics = baselineConfig?.StatisticsResource?.S3Uri;
  const constraints = baselineConfig?.ConstraintsResource?.S3Uri;
  if (!statistics || !constraints) {
    throw new UsageError(
      `monitoring schedule ${scheduleName} has no baseline statistics and constraints: Driftwatch needs both as the monitor's reference`,
    );
  }
  if (!endpointName) throw new UsageError(`monitoring schedule ${scheduleName} names no endpoint: only endpoint data capture is imported`);

  const endpoint = await sendAws(sageMakerCaller, 'DescribeEndpoint', () =>
    clients.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
  );
  const endpointConfig = await sendAws(sageMakerCaller, 'DescribeEndpointConfig', () =>
    clients.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })),
  );
  const destination = endpointConfig.DataCaptureConfig?.DestinationS3Uri ?? endpoint.DataCaptureConfig?.DestinationS3Uri;
  if (!destination) throw new UsageError(`endpoint ${endpointName} has no data capture: nothing for the monitor to read`);
  // Model Monitor's capture layout: <destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl.
  const captureUri = `${destination.replace(/\/+$/, '')}/${endpointName}`;

  // The baseline is read now so that a broken file is reported at import, naming it and its JSON path.
  const [statisticsText, constraintsText] = await Promise.all(
    [statistics, constraints].map((uri) => {
      const location = parseS3Uri(uri);
      if (!location) throw new UsageError(`baseline file ${uri} is not an s3:// URI`);
      return getObjectText(clients.s3, s3Caller, location);
    }),
  );
  const stats = parseModelMonitorFile('statistics', statisticsText!, statistics);
  parseModelMonitorFile('constraints', constraintsText!, constraints);
  const features = stats.features.map((f) => f.name);

  const aws = {
    ...(connection.region ? { region: connection.region } : {}),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
  };
  const s3 = { ...aws, ...(connection.forcePathStyle ? { forcePathStyle: true } : {}) };
  const publish = environment.publish_cloudwatch_metrics !== 'Disabled';
  if (!publish) notCarried.push('publish_cloudwatch_metrics is Disabled: no CloudWatch sink is written');
  for (const key of Object.keys(environment).filter((k) => k !== 'publish_cloudwatch_metrics')) {
    notCarried.push(`container environment variable ${key}`);
  }
  const expression = config.ScheduleConfig?.ScheduleExpression ?? '';
  const cron = awsCronToCron(expression);
  if (!cron) notCarried.push(`schedule expression "${expression}" has no cron form`);
  if (config.ScheduleConfig?.DataAnalysisStartTime || config.ScheduleConfig?.DataAnalysisEndTime)
    notCarried.push('data analysis start/end time of a one-time schedule');
  notCarried.push(
    "Model Monitor analyses each period's capture; every run reads all capture under the prefix (set the capture source's from/to to bound it)",
  );

  const monitor: Record<string, unknown> = {
    name: scheduleName.replace(/[^A-Za-z0-9._-]/g, '-'),
    reference: { type: 'sagemaker-baseline', ...s3, statistics, constraints, output: `model-monitor/${scheduleName}` },
    current: { type: 'sagemaker-capture', ...s3, uri: captureUri, inputColumns: features },
    // The capture adds the model's output and each record's id and time, which the baseline has no constraints for.
    schema: {
      ...(features.includes('prediction') ? {} : { prediction: 'prediction' }),
      ignore: ['event_id', 'inference_time'].filter((c) => !features.includes(c)),
    },
    drift: { columns: features },
    ...(publish
      ? {
          sinks: [
            {
              type: 'cloudwatch',
              ...aws,
              ...(connection.endpoint ? { requestCompression: false } : {}),
              namespace: 'Driftwatch',
              compat: 'sagemaker-model-monitor',
              sagemaker: { target: 'endpoint', endpointName, dataQualitySchedule: scheduleName },
            },
          ],
        }
      : {}),
  };
  return {
    scheduleName,
    monitoringType,
    monitor,
    schedule: { expression, ...(cron ? { cron } : {}) },
    baseline: { statistics, constraints, features },
    notCarried,
  };
}
