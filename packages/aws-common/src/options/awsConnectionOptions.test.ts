import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { awsConnectionOptions } from './awsConnectionOptions.js';

describe('awsConnectionOptions', () => {
  it('defaults the retry settings and leaves the rest to the SDK chain', () => {
    expect(awsConnectionOptions.parse({})).toEqual({ maxAttempts: 5, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000 });
  });

  it('rejects a bad region, endpoint, profile and attempt count, each at its path', () => {
    const result = awsConnectionOptions.safeParse({ region: 'Europe', endpoint: 'ftp://x', profile: '', maxAttempts: 11 });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toHaveLength(4);
    expect(issues[0]).toBe('region: an AWS region such as us-east-1');
    expect(issues[1]).toBe('endpoint: an http(s) URL');
    expect(issues.slice(2).map((i) => i.split(':')[0])).toEqual(['profile', 'maxAttempts']);
  });

  it('extends with a plugin’s own options, strict', () => {
    const s3 = awsConnectionOptions.extend({ forcePathStyle: z.boolean().default(false) }).strict();
    expect(s3.parse({ region: 'us-east-1' })).toMatchObject({ region: 'us-east-1', forcePathStyle: false, maxAttempts: 5 });
    expect(s3.safeParse({ requestCompression: true }).success).toBe(false);
  });
});
