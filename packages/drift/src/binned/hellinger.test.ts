import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { binnedCases, identicalSamplesProperty, num, record, reportWorst, statisticOk } from './__fixtures__/binnedCategoricalFixture.js';
import { hellinger } from './hellinger.js';

afterAll(reportWorst);

describe('hellinger = sqrt(Σ(√r − √c)²) / √2 on unfilled shares', () => {
  it.each(binnedCases(false))('%s', (name, ref, cur, expected) => {
    const got = hellinger(ref, cur);
    record('hellinger', got, num(expected.hellinger), name);
    expect(statisticOk(got, num(expected.hellinger))).toBe(true);
  });

  it('is 0 for identical samples and ignores row order', () => identicalSamplesProperty(hellinger, false));

  it('is symmetric bit for bit and 1 for disjoint supports', () => {
    const shares = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(shares, shares, (a, b) => {
        const n = Math.min(a.length, b.length);
        const p = Float64Array.from(a.slice(0, n));
        const q = Float64Array.from(b.slice(0, n));
        expect(Object.is(hellinger(p, q), hellinger(q, p))).toBe(true);
      }),
    );
    expect(hellinger(Float64Array.from([1, 0]), Float64Array.from([0, 1]))).toBe(1);
    expect(hellinger(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });
});
