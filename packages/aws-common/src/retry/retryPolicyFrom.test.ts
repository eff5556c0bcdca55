import { describe, expect, it } from 'vitest';
import { awsConnectionOptions } from '../options/awsConnectionOptions.js';
import { retryPolicyFrom } from './retryPolicyFrom.js';

describe('retryPolicyFrom', () => {
  it('maps the connection options to a policy', () => {
    const options = awsConnectionOptions.parse({ maxAttempts: 3, retryBaseDelayMs: 50, retryMaxDelayMs: 400 });
    expect(retryPolicyFrom(options)).toEqual({ maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 400 });
  });

  it('takes the sleep and random seams, nothing else', () => {
    const sleep = async () => {};
    const random = () => 0.5;
    const policy = retryPolicyFrom(awsConnectionOptions.parse({}), { sleep, random, now: () => 0 } as never);
    expect(policy).toEqual({ maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 20_000, sleep, random });
    expect(policy).not.toHaveProperty('now');
  });
});
