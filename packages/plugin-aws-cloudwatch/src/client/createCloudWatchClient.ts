import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';

/** What the client needs from the provider options and the environment. */
export interface ClientSettings {
  readonly region?: string;
  readonly endpoint?: string;
  readonly requestCompression: boolean;
}

/**
 * A CloudWatch client with the SDK's own retries turned off (`maxAttempts: 1`):
 * retries happen in {@link withRetry}, so there is one backoff policy, the
 * attempts are counted and tests drive the waits. Region resolves as explicit
 * option → AWS_REGION → AWS_DEFAULT_REGION → the SDK's chain; credentials
 * always come from the SDK's default chain.
 */
export function createCloudWatchClient(settings: ClientSettings, env: Readonly<Record<string, string | undefined>>): CloudWatchClient {
  const region = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return new CloudWatchClient({
    ...(region !== undefined && { region }),
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    maxAttempts: 1,
    disableRequestCompression: !settings.requestCompression,
  });
}
