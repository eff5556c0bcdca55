import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { ConnectionSettings } from '../options/connectionOptions.js';

type Env = Readonly<Record<string, string | undefined>>;

function commonConfig(settings: ConnectionSettings, env: Env) {
  const region = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return {
    ...(region !== undefined && { region }),
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    ...(settings.profile !== undefined && { profile: settings.profile }),
    // Retries happen in withRetry: one backoff policy, counted, driven by tests.
    maxAttempts: 1,
  };
}

/**
 * A SageMaker client with the SDK's own retries off. Region resolves as
 * option → AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain; credentials
 * come from the SDK's default chain (or `profile`).
 */
export function createSageMakerClient(settings: ConnectionSettings, env: Env): SageMakerClient {
  return new SageMakerClient(commonConfig(settings, env));
}

/** An S3 client configured like {@link createSageMakerClient}, plus `forcePathStyle`. */
export function createS3Client(settings: ConnectionSettings, env: Env): S3Client {
  return new S3Client({ ...commonConfig(settings, env), forcePathStyle: settings.forcePathStyle ?? false });
}
