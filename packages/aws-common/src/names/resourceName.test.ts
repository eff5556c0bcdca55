import { describe, expect, it } from 'vitest';
import { resourceName } from './resourceName.js';

describe('resourceName', () => {
  it('keeps valid names and repairs others with a hash that keeps them distinct', () => {
    expect(resourceName('churn-ep-v3')).toBe('churn-ep-v3');
    const a = resourceName('churn_model.v1');
    const b = resourceName('churn-model-v1');
    expect(a).toMatch(/^churn-model-v1-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    const long = resourceName('x'.repeat(100));
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^x+-[0-9a-f]{8}$/);
    expect(resourceName('___')).toMatch(/^[0-9a-f]{8}$/);
  });
});
