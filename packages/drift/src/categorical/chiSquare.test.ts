import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  loadFixture,
  num,
  pValueOk,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { chiSquare, chiSquareCounts } from './chiSquare.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('chiSquare = scipy.stats.chisquare(cur_counts, ref_counts * n_cur / n_ref)', () => {
  it.each(fixture.categorical.filter((c) => c.k > 1).map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = chiSquare(buildCodes(c.reference), buildCodes(c.current), c.nCategories);
    const [stat, p] = c.chiSquare.map(num);
    record('chiSquare.statistic', r.statistic, stat, name);
    record('chiSquare.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
    expect(r.df).toBe(c.k - 1);
  });

  it('single category: statistic 0, p = 1 where scipy (df = 0) gives NaN', () => {
    const c = fixture.categorical.find((x) => x.k === 1);
    expect(c && num(c.chiSquare[1])).toBeNaN();
    expect(chiSquare(Int32Array.from([0, 0, 0]), Int32Array.from([0, 0]), 1)).toEqual({ statistic: 0, pValue: 1, df: 0 });
  });

  it('unseen reference category: Infinity and p = 0, as scipy', () => {
    expect(chiSquareCounts([5, 0], [3, 2])).toEqual({ statistic: Number.POSITIVE_INFINITY, pValue: 0, df: 1 });
  });

  it('empty side gives NaN', () => {
    const r = chiSquare(new Int32Array(0), Int32Array.from([1]), 2);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
  });

  it('identical samples give statistic 0 and p = 1, whatever the row order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const a = Int32Array.from(xs);
        const r = chiSquare(a, a.slice().reverse(), 6);
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
    );
  });

  it('does not depend on row order', () => {
    const codes = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(codes, codes, (r, c) => {
        const a = chiSquare(Int32Array.from(r), Int32Array.from(c), 5);
        const b = chiSquare(Int32Array.from(r).sort(), Int32Array.from(c).reverse(), 5);
        expect(b).toEqual(a);
      }),
    );
  });
});
