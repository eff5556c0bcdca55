import { resourceName as bedrockResourceName } from '@driftwatch/aws-common';
import { describe, expect, it } from 'vitest';

describe('bedrockResourceName', () => {
  it('keeps a valid name, and hashes a changed or long one so distinct inputs stay distinct', () => {
    expect(bedrockResourceName('driftwatch-attempt-1')).toBe('driftwatch-attempt-1');
    const a = bedrockResourceName('driftwatch-support_bot/2');
    const b = bedrockResourceName('driftwatch-support-bot-2');
    expect(a).toMatch(/^driftwatch-support-bot-2-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    const long = bedrockResourceName(`p-${'x'.repeat(100)}`);
    expect(long.length).toBe(63);
    expect(long).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
  });
});
