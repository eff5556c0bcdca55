import { ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { regexCheck } from './regexCheck.js';

describe('regexCheck', () => {
  it('scores a match anywhere, honours flags and negation', () => {
    const ticketId = regexCheck('TCK-\\d{4}');
    expect(ticketId('Your ticket is TCK-0042.')).toBe(1);
    expect(ticketId('Your ticket is tck-0042.')).toBe(0);
    expect(regexCheck('tck-\\d{4}', { flags: 'i' })('TCK-0042')).toBe(1);
    expect(regexCheck('password', { negate: true })('Reset it from the login page.')).toBe(1);
    expect(regexCheck('password', { negate: true })('Your password is hunter2')).toBe(0);
  });

  it('gives the same answer twice even with a global flag (no lastIndex carried over)', () => {
    const check = regexCheck('refund', { flags: 'g' });
    expect([check('refund'), check('refund'), check('refund')]).toEqual([1, 1, 1]);
  });

  it('fails at once on an invalid pattern, naming the config path', () => {
    expect(() => regexCheck('(unclosed', { configPath: 'suites[1].scorers[0].pattern' })).toThrow(ConfigError);
    expect(() => regexCheck('(unclosed', { configPath: 'suites[1].scorers[0].pattern' })).toThrow(
      /^suites\[1\]\.scorers\[0\]\.pattern: invalid regular expression/u,
    );
  });
});
