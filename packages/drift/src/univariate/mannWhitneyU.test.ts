import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { binomSmallK, MWU_RECURRENCE_MAX_U, mannWhitneyU, mwuCountsProduct, mwuCountsRecurrence, mwuExactCdf } from './mannWhitneyU.js';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Fixture {
  cases: { tag: string; a: SampleSpec; b: SampleSpec; mwu: { statistic: Num; pvalue: Num; method: string } }[];
  mwuExact: { n1: number; n2: number; k: number; cdf: number }[];
  /** Exact integer arithmetic (Python), for sizes scipy's O(maxU²) recurrence cannot reach. */
  mwuExactBig: { n1: number; n2: number; k: number; cdf: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/location_scale.json', import.meta.url), 'utf8')) as Fixture;
const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));

// Accuracy contract: statistics 1e-9 relative; p-values 1e-6 relative or 1e-12 absolute.
const worst = { statistic: 0, pValue: 0, exactCdf: 0 };
function relErr(actual: number, expected: number): number {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) return Object.is(actual, expected) ? 0 : Number.POSITIVE_INFINITY;
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
afterAll(() => {
  if (process.env.DRIFT_ACCURACY_REPORT) console.log('mannWhitneyU worst relative error', worst);
});

describe('mannWhitneyU vs scipy.stats.mannwhitneyu(method="auto")', () => {
  it('has at least 40 reference cases, exact and asymptotic', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
    expect(fixture.cases.filter((c) => c.mwu.method === 'exact').length).toBeGreaterThanOrEqual(20);
    expect(fixture.cases.filter((c) => c.mwu.method === 'asymptotic').length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixture.cases.map((c) => [c.tag, c] as const))('%s', (_tag, c) => {
    const r = mannWhitneyU(referenceSample(c.a), referenceSample(c.b));
    expect(r.method).toBe(c.mwu.method);
    const es = relErr(r.statistic, num(c.mwu.statistic));
    worst.statistic = Math.max(worst.statistic, es);
    expect(es, `U1 ${r.statistic} vs ${c.mwu.statistic}`).toBeLessThanOrEqual(1e-9);
    const expected = num(c.mwu.pvalue);
    const ep = relErr(r.pValue, expected);
    worst.pValue = Math.max(worst.pValue, ep);
    expect(Math.abs(r.pValue - expected) <= 1e-12 || ep <= 1e-6, `p ${r.pValue} vs ${expected}`).toBe(true);
  });

  it('returns NaN for an empty side, as scipy does', () => {
    const r = mannWhitneyU(new Float64Array(0), new Float64Array([1, 2]));
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
  });
});

describe('exact null distribution of U', () => {
  it('P(U <= k) matches scipy’s _MWU within 1e-12 relative', () => {
    for (const c of fixture.mwuExact) {
      const actual = mwuExactCdf(c.n1, c.n2, c.k);
      const e = relErr(actual, c.cdf);
      worst.exactCdf = Math.max(worst.exactCdf, e);
      expect(e, `n1=${c.n1} n2=${c.n2} k=${c.k}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('the product form gives the recurrence’s counts (exactly while they are integers below 2^53)', () => {
    for (let m = 1; m <= 8; m++) {
      for (const n of [m, m + 1, 9, 17, 40, 150]) {
        const maxU = Math.floor((m * n) / 2);
        expect(Array.from(mwuCountsProduct(m, n, maxU))).toEqual(Array.from(mwuCountsRecurrence(m, n, maxU)));
      }
    }
    // Beyond 2^53 both round; they stay within scipy's own error (~1e-13).
    const r = mwuCountsRecurrence(8, 1500, 3000);
    const p = mwuCountsProduct(8, 1500, 3000);
    for (let u = 0; u <= 3000; u++) expect(Math.abs(p[u] / r[u] - 1)).toBeLessThan(1e-12);
  });

  it('counts sum to binom(n1 + n2, n1)', () => {
    for (const [m, n] of [
      [3, 5],
      [8, 8],
      [5, 40],
    ]) {
      const all = mwuCountsProduct(m, n, m * n);
      let s = 0;
      for (const v of all) s += v;
      expect(s).toBe(binomSmallK(m + n, m));
    }
  });

  it('past the recurrence limit matches exact integer arithmetic, fast on a 1 000 000-row side', () => {
    for (const c of fixture.mwuExactBig) {
      expect(c.k).toBeGreaterThan(MWU_RECURRENCE_MAX_U);
      const t0 = performance.now();
      const actual = mwuExactCdf(c.n1, c.n2, c.k);
      expect(performance.now() - t0).toBeLessThan(1000);
      const e = relErr(actual, c.cdf);
      worst.exactCdf = Math.max(worst.exactCdf, e);
      expect(e, `n1=${c.n1} n2=${c.n2} k=${c.k}`).toBeLessThanOrEqual(1e-12);
    }
  });
});

const sampleArb = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 });
const tiedArb = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 40 });

describe('mannWhitneyU properties', () => {
  it('identical samples give U1 = n²/2 and p = 1', () => {
    fc.assert(
      fc.property(fc.oneof(sampleArb, tiedArb), (xs) => {
        const a = Float64Array.from(xs);
        const r = mannWhitneyU(a, a.slice());
        expect(r.statistic).toBe((a.length * a.length) / 2);
        expect(r.pValue).toBe(1);
      }),
    );
  });

  it('row order changes nothing (bit for bit)', () => {
    fc.assert(
      fc.property(fc.oneof(sampleArb, tiedArb), fc.oneof(sampleArb, tiedArb), (xs, ys) => {
        const r1 = mannWhitneyU(Float64Array.from(xs), Float64Array.from(ys));
        const r2 = mannWhitneyU(Float64Array.from(xs).reverse(), Float64Array.from(ys).sort());
        expect(r2).toEqual(r1);
      }),
    );
  });

  it('swapping the samples gives U2 and the same p-value', () => {
    fc.assert(
      fc.property(fc.oneof(sampleArb, tiedArb), fc.oneof(sampleArb, tiedArb), (xs, ys) => {
        const a = Float64Array.from(xs);
        const b = Float64Array.from(ys);
        const r1 = mannWhitneyU(a, b);
        const r2 = mannWhitneyU(b, a);
        expect(r2.statistic).toBe(a.length * b.length - r1.statistic);
        expect(r2.pValue).toBe(r1.pValue);
      }),
    );
  });
});
