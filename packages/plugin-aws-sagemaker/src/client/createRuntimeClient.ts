import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { awsClientConfig } from '@driftwatch/aws-common';
import type { ConnectionSettings } from '../options/s3ConnectionOptions.js';

/**
 * A SageMaker Runtime client (InvokeEndpoint) configured like `createSageMakerClient`: SDK
 * retries off, region option → AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain.
 */
export function createSageMakerRuntimeClient(
  settings: ConnectionSettings,
  env: Readonly<Record<string, string | undefined>>,
): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient(awsClientConfig(settings, env));
}
