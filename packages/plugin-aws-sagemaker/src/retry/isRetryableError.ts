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

interface SdkErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The service's error code: `Code` for query-compatible JSON protocols, else the error's `name` (SageMaker's JSON 1.1, S3's XML). */
export function errorCode(error: unknown): string | undefined {
  const e = error as SdkErrorLike | undefined;
  return e?.Code ?? e?.code ?? e?.name;
}

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
