import type { AwsConnectionOptions } from '../options/awsConnectionOptions.js';

/** What an AWS client's config takes from the connection options. */
export type AwsClientSettings = Pick<AwsConnectionOptions, 'region' | 'endpoint' | 'profile'>;

/** The part of an AWS SDK client's config every AWS provider shares. */
export interface AwsClientConfig {
  readonly region?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  /** Always 1: the SDK's own retries are off. */
  readonly maxAttempts: 1;
}

/**
 * The config of an AWS SDK client for the given settings, with the SDK's own
 * retries turned off (`maxAttempts: 1`): retries happen in `withRetry`, so
 * there is one backoff policy, the attempts are counted and tests drive the
 * waits. Region resolves as option → AWS_REGION → AWS_DEFAULT_REGION → the
 * SDK's chain; credentials come from the SDK's default chain (or `profile`).
 * Settings left unset are left out, so the SDK's defaults apply.
 */
export function awsClientConfig(settings: AwsClientSettings, env: Readonly<Record<string, string | undefined>>): AwsClientConfig {
  const region = settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return {
    ...(region !== undefined && { region }),
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    ...(settings.profile !== undefined && { profile: settings.profile }),
    maxAttempts: 1,
  };
}
