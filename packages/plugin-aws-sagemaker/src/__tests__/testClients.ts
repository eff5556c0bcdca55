import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };

/** A real SageMaker client for a local peer: dummy credentials, us-east-1, no SDK retries. */
export function testSageMakerClient(endpoint: string): SageMakerClient {
  return new SageMakerClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** A real S3 client for moto: path-style addressing, dummy credentials. */
export function testS3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1, forcePathStyle: true });
}

/** Retry settings of parsed options for tests: one attempt. */
export const noRetry = { maxAttempts: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 1 } as const;
