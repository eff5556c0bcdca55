import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { build, loadFixture, record, reportWorst, statisticOk } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { mmd } from './mmd.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('mmd: unbiased RBF MMD² with a seeded permutation p-value', () => {
  it.each(fixture.mmd.map((c) => [c.name, c] as const))('%s matches the numpy reference', (name, c) => {
    const r = mmd(build(c.reference), build(c.current));
    record('mmd.statistic', r.statistic, c.statistic, name);
    record('mmd.gamma', r.gamma, c.gamma, name);
    expect(r.referenceSize).toBe(c.referenceSize);
    expect(r.currentSize).toBe(c.currentSize);
    expect(statisticOk(r.gamma, c.gamma)).toBe(true);
    expect(statisticOk(r.statistic, c.statistic)).toBe(true);
    // Same PRNG stream and tie tolerance as the Python port: the same permutations count.
    expect(r.pValue).toBe(c.pValue);
  });

  it('does not depend on row order', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const a = Float64Array.from(x, (v) => v / 8);
        const b = Float64Array.from(y, (v) => v / 8);
        const r = mmd(a, b, { permutations: 20 });
        expect(mmd(a.slice().reverse(), b.slice().sort(), { permutations: 20 })).toEqual(r);
      }),
      { numRuns: 40 },
    );
  });

  it('caps each side by a seeded subsample', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i));
    const r = mmd(x, x.subarray(0, 1500), { maxPerSide: 300, permutations: 10 });
    expect(r.referenceSize).toBe(300);
    expect(r.currentSize).toBe(300);
    expect(mmd(x, x.subarray(0, 1500), { maxPerSide: 300, permutations: 10 })).toEqual(r);
  });

  it('gives NaN below two values a side', () => {
    expect(mmd(Float64Array.from([1]), Float64Array.from([1, 2])).statistic).toBeNaN();
  });
});
