import { isRetryableError } from '@driftwatch/aws-common';

/**
 * Bedrock Runtime errors that are transient although `isRetryableError` (which follows the SDK's
 * lists) does not say so: `ModelTimeoutException` (HTTP 408, "try your request again") and
 * `ModelNotReadyException` (a model being loaded). Marks them `$retryable`, so `withRetry` retries
 * them with the same backoff as throttling; returns the error.
 */
export function markBedrockRetryable(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && !isRetryableError(error)) {
    const name = (error as { name?: unknown }).name;
    if (name === 'ModelTimeoutException' || name === 'ModelNotReadyException') {
      (error as { $retryable?: object }).$retryable = {};
    }
  }
  return error;
}
