import { BedrockClient } from '@aws-sdk/client-bedrock';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

/** Real control-plane clients for a local peer (moto): dummy credentials, us-east-1, no SDK retries. For tests. */
export function testControlClients(endpoint: string): { bedrock: BedrockClient; ssm: SSMClient; s3: S3Client } {
  const config = { endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  return { bedrock: new BedrockClient(config), ssm: new SSMClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
}

/** Retry settings of parsed options for tests: one attempt. */
export const noRetry = { maxAttempts: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 1 } as const;
