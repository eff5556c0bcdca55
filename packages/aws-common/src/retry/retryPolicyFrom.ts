import type { AwsConnectionOptions } from '../options/awsConnectionOptions.js';
import type { RetryPolicy } from './withRetry.js';

/** The seams of a {@link RetryPolicy} a provider takes from its dependencies, for tests. */
export type RetrySeams = Pick<RetryPolicy, 'sleep' | 'random'>;

/**
 * The retry policy of parsed connection options (`maxAttempts`,
 * `retryBaseDelayMs`, `retryMaxDelayMs`), waiting and drawing jitter with
 * `seams` where given.
 */
export function retryPolicyFrom(
  options: Pick<AwsConnectionOptions, 'maxAttempts' | 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
  seams: RetrySeams = {},
): RetryPolicy {
  return {
    maxAttempts: options.maxAttempts,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs,
    sleep: seams.sleep,
    random: seams.random,
  };
}
