import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { type AwsClientSettings, awsClientConfig } from '@driftwatch/aws-common';

/**
 * A Bedrock Runtime client (`Converse`, `InvokeModel`) configured like the other AWS plugins'
 * clients: SDK retries off (`withRetry` owns them), region option → AWS_REGION →
 * AWS_DEFAULT_REGION → the SDK's chain, optional endpoint and profile.
 */
export function createBedrockRuntimeClient(
  settings: AwsClientSettings,
  env: Readonly<Record<string, string | undefined>>,
): BedrockRuntimeClient {
  return new BedrockRuntimeClient(awsClientConfig(settings, env));
}
