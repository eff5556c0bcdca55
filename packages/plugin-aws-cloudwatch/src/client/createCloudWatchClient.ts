import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { type AwsClientSettings, awsClientConfig } from '@driftwatch/aws-common';

/** What the client needs from the provider options and the environment. */
export interface ClientSettings extends AwsClientSettings {
  /** gzip PutMetricData bodies of 10 KiB or more. */
  readonly requestCompression: boolean;
}

/**
 * A CloudWatch client with the SDK's own retries turned off (`maxAttempts: 1`):
 * retries happen in `withRetry`, so there is one backoff policy, the
 * attempts are counted and tests drive the waits. Region resolves as explicit
 * option → AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain; credentials
 * come from the SDK's default chain (or `profile`).
 */
export function createCloudWatchClient(settings: ClientSettings, env: Readonly<Record<string, string | undefined>>): CloudWatchClient {
  return new CloudWatchClient({ ...awsClientConfig(settings, env), disableRequestCompression: !settings.requestCompression });
}
