import { describe, expect, it } from 'vitest';
import { awsClientConfig } from './awsClientConfig.js';

describe('awsClientConfig', () => {
  it('resolves the region as option, AWS_REGION, AWS_DEFAULT_REGION', () => {
    const env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-west-2' };
    expect(awsClientConfig({ region: 'ap-south-1' }, env).region).toBe('ap-south-1');
    expect(awsClientConfig({}, env).region).toBe('eu-west-1');
    expect(awsClientConfig({}, { AWS_DEFAULT_REGION: 'us-west-2' }).region).toBe('us-west-2');
  });

  it('leaves unset settings out, so the SDK chain applies, and turns SDK retries off', () => {
    expect(awsClientConfig({}, {})).toEqual({ maxAttempts: 1 });
    expect(awsClientConfig({ endpoint: 'http://127.0.0.1:5000', profile: 'ops' }, {})).toEqual({
      endpoint: 'http://127.0.0.1:5000',
      profile: 'ops',
      maxAttempts: 1,
    });
  });
});
