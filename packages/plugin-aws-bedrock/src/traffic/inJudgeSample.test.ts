import { describe, expect, it } from 'vitest';
import { inJudgeSample } from './inJudgeSample.js';

const ids = Array.from({ length: 20_000 }, (_, i) => `req-${i}`);

describe('inJudgeSample', () => {
  it('picks about the share asked, the same ids on every call', () => {
    const picked = ids.filter((id) => inJudgeSample(id, 0.05, 0));
    // Binomial(20000, 0.05): sd ≈ 30.8; 4 sd either side.
    expect(picked.length).toBeGreaterThan(1000 - 124);
    expect(picked.length).toBeLessThan(1000 + 124);
    expect(ids.filter((id) => inJudgeSample(id, 0.05, 0))).toEqual(picked);
  });

  it('a larger share keeps every id a smaller one picked; share 1 picks all', () => {
    const small = ids.filter((id) => inJudgeSample(id, 0.02, 'a'));
    const large = new Set(ids.filter((id) => inJudgeSample(id, 0.1, 'a')));
    expect(small.every((id) => large.has(id))).toBe(true);
    expect(ids.every((id) => inJudgeSample(id, 1, 'a'))).toBe(true);
  });

  it('another seed picks other ids', () => {
    const a = new Set(ids.filter((id) => inJudgeSample(id, 0.05, 0)));
    const b = ids.filter((id) => inJudgeSample(id, 0.05, 1));
    const shared = b.filter((id) => a.has(id)).length;
    // Independent samples share about 0.05 of b.
    expect(shared).toBeLessThan(b.length * 0.15);
  });
});
