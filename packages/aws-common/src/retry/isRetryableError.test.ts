import { describe, expect, it } from 'vitest';
import { isRetryableError } from './isRetryableError.js';

const awsError = (name: string, status: number, code = name) =>
  Object.assign(new Error(name), { name, Code: code, $metadata: { httpStatusCode: status } });

describe('isRetryableError', () => {
  it('retries throttling, 429, 5xx, timeouts and dropped connections', () => {
    expect(isRetryableError(awsError('Throttling', 400))).toBe(true);
    expect(isRetryableError(awsError('Whatever', 429))).toBe(true);
    expect(isRetryableError(awsError('InternalServiceFault', 500, 'InternalServiceError'))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { $retryable: {} }))).toBe(true);
  });

  it('does not retry validation, auth or quota errors, nor non-errors', () => {
    expect(isRetryableError(awsError('InvalidParameterValueException', 400, 'InvalidParameterValue'))).toBe(false);
    expect(isRetryableError(awsError('LimitExceededFault', 400, 'LimitExceeded'))).toBe(false);
    expect(isRetryableError(awsError('AccessDenied', 403))).toBe(false);
    expect(isRetryableError('Throttling')).toBe(false);
    expect(isRetryableError(null)).toBe(false);
  });
});
