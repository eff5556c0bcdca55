import type { GetModelCustomizationJobCommandOutput } from '@aws-sdk/client-bedrock';
import type { TrainingStatus } from '@driftwatch/core';

/**
 * A GetModelCustomizationJob answer as a {@link TrainingStatus}: `Completed`
 * is `succeeded` with the custom model's ARN as the artifact (what a
 * deployer writes as the model to call); `Failed` carries Bedrock's
 * failureMessage; `Stopping`/`Stopped` are `stopped`; `InProgress` is
 * `running` (Bedrock reports no separate queued state).
 */
export function customizationStatus(
  job: Pick<GetModelCustomizationJobCommandOutput, 'jobName' | 'status' | 'failureMessage' | 'outputModelArn'>,
): TrainingStatus {
  switch (job.status) {
    case 'Completed':
      return { state: 'succeeded', artifactUri: job.outputModelArn };
    case 'Failed':
      return { state: 'failed', reason: job.failureMessage ?? `customization job ${job.jobName} failed (no failureMessage)` };
    case 'Stopping':
      return { state: 'stopped', reason: `customization job ${job.jobName} is stopping` };
    case 'Stopped':
      return { state: 'stopped', reason: `customization job ${job.jobName} was stopped` };
    default:
      return { state: 'running' };
  }
}
