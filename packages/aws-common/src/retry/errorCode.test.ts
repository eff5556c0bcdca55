import { describe, expect, it } from 'vitest';
import { errorCode } from './errorCode.js';

describe('errorCode', () => {
  it('takes the query-compatible `Code` first, then a system `code`, then the name', () => {
    expect(errorCode(Object.assign(new Error('x'), { name: 'InvalidParameterValueException', Code: 'InvalidParameterValue' }))).toBe(
      'InvalidParameterValue',
    );
    expect(errorCode(Object.assign(new Error('socket'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(errorCode(Object.assign(new Error('x'), { name: 'NoSuchKey' }))).toBe('NoSuchKey');
  });

  it('is undefined for nothing', () => {
    expect(errorCode(undefined)).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
