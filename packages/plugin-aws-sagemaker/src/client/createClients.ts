import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { awsClientConfig } from '@driftwatch/aws-common';
import type { ConnectionSettings } from '../options/s3ConnectionOptions.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A SageMaker client with the SDK's own retries off. Region resolves as
 * option → AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain; credentials
 * come from the SDK's default chain (or `profile`).
 */
export function createSageMakerClient(settings: ConnectionSettings, env: Env): SageMakerClient {
  return new SageMakerClient(awsClientConfig(settings, env));
}

/** An S3 client configured like {@link createSageMakerClient}, plus `forcePathStyle`. */
export function createS3Client(settings: ConnectionSettings, env: Env): S3Client {
  return new S3Client({ ...awsClientConfig(settings, env), forcePathStyle: settings.forcePathStyle ?? false });
}
