import type { SdkErrorLike } from './SdkErrorLike.js';

/** Error codes AWS services use for throttling (as the SDK's own retry strategy lists them). */
const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
]);

/** Codes of transient server-side or transport failures. */
const transientCodes = new Set([
  'InternalServiceError',
  'InternalServiceFault',
  'InternalFailure',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/**
 * True for failures worth another attempt: throttling, HTTP 429 and 5xx,
 * timeouts and dropped connections, and errors the SDK marks `$retryable`.
 * Validation errors (InvalidParameterValue, MissingParameter…), auth errors
 * and quota errors (LimitExceeded) are permanent.
 */
export function isRetryableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  if (e.$retryable) return true;
  for (const code of [e.Code, e.code, e.name]) {
    if (code !== undefined && (throttlingCodes.has(code) || transientCodes.has(code))) return true;
  }
  const status = e.$metadata?.httpStatusCode;
  return status === 429 || (status !== undefined && status >= 500);
}
