import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairwiseSum } from '../special/numpySum.js';
import { build, buildCodes, loadFixture } from './__fixtures__/binnedCategoricalFixture.js';
import { binnedShares, categoryCounts, fillZeroShares } from './binnedShares.js';

const fixture = loadFixture();

describe('binnedShares = Evidently get_binned_data', () => {
  it.each(fixture.numeric.map((c) => [c.name, c] as const))('numerical %s: mode, bins, counts and filled shares', (_n, c) => {
    const b = binnedShares(build(c.reference), build(c.current), 'numerical', { fill: true });
    expect(b.mode).toBe(c.mode);
    expect(Array.from(b.referenceCounts)).toEqual(c.referenceCounts);
    expect(Array.from(b.currentCounts)).toEqual(c.currentCounts);
    // Same divisions and the same np.place rule: bit-identical shares.
    expect(Array.from(b.reference)).toEqual(c.referenceFilled);
    expect(Array.from(b.current)).toEqual(c.currentFilled);
    if (c.mode === 'histogram') expect(Array.from(b.edges ?? [])).toEqual(c.edges);
    else {
      expect(b.values?.length).toBe(c.nBins);
      expect(Array.from(b.values ?? []).slice(0, 30)).toEqual(c.labelsHead);
    }
  });

  it.each(fixture.categorical.map((c) => [c.name, c] as const))('categorical %s: counts per category present', (_n, c) => {
    const b = binnedShares(buildCodes(c.reference), buildCodes(c.current), 'categorical', { nCategories: c.nCategories });
    expect(b.mode).toBe('categories');
    expect(b.categories?.length).toBe(c.k);
    expect(Array.from(b.referenceCounts)).toEqual(c.referenceCounts);
    expect(Array.from(b.currentCounts)).toEqual(c.currentCounts);
  });

  it('switches to a histogram at 21 distinct reference values, not 20', () => {
    const twenty = Float64Array.from({ length: 200 }, (_, i) => i % 20);
    const twentyOne = Float64Array.from({ length: 210 }, (_, i) => i % 21);
    const cur = Float64Array.from({ length: 50 }, (_, i) => i * 0.37);
    expect(binnedShares(twenty, cur, 'numerical').mode).toBe('values');
    expect(binnedShares(twentyOne, cur, 'numerical').mode).toBe('histogram');
    // Only the reference counts: 20 distinct there, many more in the current sample.
    const b = binnedShares(twenty, cur, 'numerical');
    expect(b.values?.length).toBe(20 + cur.filter((v) => !Number.isInteger(v) || v >= 20).length);
  });

  it('treats 0 and -0 as one value, as pandas does', () => {
    const b = binnedShares(Float64Array.from([0, -0, 1]), Float64Array.from([-0, 1]), 'numerical');
    expect(Array.from(b.referenceCounts)).toEqual([2, 1]);
    expect(Array.from(b.currentCounts)).toEqual([1, 1]);
  });

  it('gives NaN shares for an empty side', () => {
    const x = Float64Array.from([1, 2, 3]);
    const empty = new Float64Array(0);
    expect(Array.from(binnedShares(empty, x, 'numerical').reference).every(Number.isNaN)).toBe(true);
    expect(Array.from(binnedShares(x, empty, 'numerical', { fill: true }).current).every(Number.isNaN)).toBe(true);
    const big = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(Array.from(binnedShares(big, empty, 'numerical').current).every(Number.isNaN)).toBe(true);
    const c = binnedShares(new Int32Array(0), Int32Array.from([1]), 'categorical', { nCategories: 2 });
    expect(Number.isNaN(c.reference[0])).toBe(true);
  });

  it('rejects codes outside the dictionary', () => {
    expect(() => binnedShares(Int32Array.from([0, -1]), Int32Array.from([0]), 'categorical', { nCategories: 2 })).toThrow(RangeError);
    expect(() => categoryCounts(Int32Array.from([2]), 2)).toThrow(RangeError);
  });

  it('fills zeros by min/1e6 below 1e-4 and by 1e-4 above, per side', () => {
    const a = Float64Array.from([0, 0.5, 0.5]);
    fillZeroShares(a);
    expect(Array.from(a)).toEqual([0.0001, 0.5, 0.5]);
    const b = Float64Array.from([0, 0.0001, 0.9999]);
    fillZeroShares(b);
    expect(b[0]).toBe(0.0001 / 1e6);
    const c = Float64Array.from([0, 0]);
    fillZeroShares(c);
    expect(Array.from(c)).toEqual([0, 0]);
  });

  it.each(fixture.sums.map((c) => [build(c.data).length, c] as const))('pairwiseSum reproduces np.sum bit for bit, n = %i', (_n, c) => {
    expect(pairwiseSum(build(c.data))).toBe(c.sum);
  });

  it('pairwiseSum is exact on integers and handles every block shape', () => {
    for (const n of [0, 1, 7, 8, 9, 127, 128, 129, 1000, 4099]) {
      const a = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 101);
      let s = 0;
      for (const v of a) s += v;
      expect(pairwiseSum(a)).toBe(s);
    }
  });

  it('does not depend on row order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (r, c, div) => {
          const ref = Float64Array.from(r, (v) => v / div);
          const cur = Float64Array.from(c, (v) => v / div);
          const a = binnedShares(ref, cur, 'numerical', { fill: true });
          const b = binnedShares(ref.slice().reverse(), cur.slice().sort(), 'numerical', { fill: true });
          expect(b).toEqual(a);
        },
      ),
    );
  });
});
