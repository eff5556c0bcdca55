import { BedrockClient } from '@aws-sdk/client-bedrock';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { type AwsConnectionOptions, awsClientConfig } from '@driftwatch/aws-common';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A Bedrock control-plane client with the SDK's own retries off (the
 * providers retry with `aws-common`'s policy). Region resolves as option →
 * AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain; credentials come from
 * the SDK's default chain (or `profile`).
 */
export function createBedrockClient(settings: AwsConnectionOptions, env: Env): BedrockClient {
  return new BedrockClient(awsClientConfig(settings, env));
}

/** An SSM client configured like {@link createBedrockClient}. */
export function createSsmClient(settings: AwsConnectionOptions, env: Env): SSMClient {
  return new SSMClient(awsClientConfig(settings, env));
}

/** An S3 client configured like {@link createBedrockClient}, plus `forcePathStyle`. */
export function createS3Client(settings: AwsConnectionOptions & { readonly forcePathStyle?: boolean }, env: Env): S3Client {
  return new S3Client({ ...awsClientConfig(settings, env), forcePathStyle: settings.forcePathStyle ?? false });
}
