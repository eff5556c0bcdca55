import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tTwoSided } from '../special/distributions.js';
import { pairwiseSum } from '../special/numpySum.js';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { welchTTest } from './welchTTest.js';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Fixture {
  cases: { tag: string; a: SampleSpec; b: SampleSpec; welch: { statistic: Num; pvalue: Num; df: Num } }[];
  studentT: { df: number; t: number; p: Num }[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/location_scale.json', import.meta.url), 'utf8')) as Fixture;
const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));

// Accuracy contract: statistics 1e-9 relative; p-values 1e-6 relative or 1e-12 absolute.
const worst = { statistic: 0, df: 0, pValue: 0 };
function relErr(actual: number, expected: number): number {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) return Object.is(actual, expected) ? 0 : Number.POSITIVE_INFINITY;
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
function expectStatistic(actual: number, expected: number, key: 'statistic' | 'df'): void {
  const e = relErr(actual, expected);
  worst[key] = Math.max(worst[key], e);
  expect(e, `${key}: ${actual} vs scipy ${expected}`).toBeLessThanOrEqual(1e-9);
}
function expectPValue(actual: number, expected: number): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  const e = relErr(actual, expected);
  worst.pValue = Math.max(worst.pValue, e);
  expect(Math.abs(actual - expected) <= 1e-12 || e <= 1e-6, `p: ${actual} vs scipy ${expected}`).toBe(true);
}
afterAll(() => {
  if (process.env.DRIFT_ACCURACY_REPORT) console.log('welchTTest worst relative error', worst);
});

describe('welchTTest vs scipy.stats.ttest_ind(equal_var=False)', () => {
  it('has at least 40 reference cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cases.map((c) => [c.tag, c] as const))('%s', (_tag, c) => {
    const r = welchTTest(referenceSample(c.a), referenceSample(c.b));
    expectStatistic(r.statistic, num(c.welch.statistic), 'statistic');
    expectStatistic(r.df, num(c.welch.df), 'df');
    expectPValue(r.pValue, num(c.welch.pvalue));
  });

  it('returns scipy’s NaN result for an empty side', () => {
    const r = welchTTest(new Float64Array(0), new Float64Array([1, 2, 3]));
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
    expect(r.df).toBeNaN();
  });
});

describe('tTwoSided vs 2 * scipy.special.stdtr(df, -|t|)', () => {
  it('matches scipy from p ~ 1 to the far tail within 1e-12 relative', () => {
    let worstRel = 0;
    for (const c of fixture.studentT) {
      const expected = num(c.p);
      const actual = tTwoSided(c.t, c.df);
      if (expected === 0) expect(actual).toBeLessThan(1e-300);
      else worstRel = Math.max(worstRel, Math.abs(actual / expected - 1));
    }
    expect(worstRel).toBeLessThan(1e-12);
    expect(fixture.studentT.some((c) => num(c.p) > 0 && num(c.p) < 1e-250)).toBe(true);
  });

  it('keeps full accuracy near p = 1 at large df, where df / (df + t²) rounds to 1', () => {
    const c = fixture.studentT.find((s) => s.df === 3e6 && s.t === 1e-4);
    if (!c) throw new Error('fixture lacks df = 3e6, t = 1e-4');
    expect(Math.abs(tTwoSided(c.t, c.df) / num(c.p) - 1)).toBeLessThan(1e-13);
  });

  it('propagates NaN and handles t = 0 and infinite t', () => {
    expect(tTwoSided(Number.NaN, 3)).toBeNaN();
    expect(tTwoSided(0, 3)).toBe(1);
    expect(tTwoSided(Number.NEGATIVE_INFINITY, 3)).toBe(0);
  });
});

describe('pairwiseSum', () => {
  it('adds in numpy order (not sequentially)', () => {
    // 1 + 1e-16 * 15: sequential addition loses every small term, numpy's 8 accumulators do not.
    const a = new Float64Array(16).fill(1e-16);
    a[0] = 1;
    let sequential = 0;
    for (const v of a) sequential += v;
    expect(sequential).toBe(1);
    // np.sum of the same array = 1.0000000000000016
    expect(pairwiseSum(a, 0, a.length)).toBe(1.0000000000000016);
  });
});

const sampleArb = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 });

describe('welchTTest properties', () => {
  it('identical samples give t = 0 and p = 1 (NaN when the variance is 0)', () => {
    fc.assert(
      fc.property(sampleArb, (xs) => {
        const a = Float64Array.from(xs);
        const r = welchTTest(a, a.slice());
        if (r.df === 1 && Number.isNaN(r.statistic)) return; // constant sample, as scipy
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
    );
  });

  // Values on a 1/8 grid keep the sums exact, so the only order-dependent rounding left is in
  // the sum of squared deviations (all positive terms, no cancellation): arbitrary doubles with
  // a spread of a few ulps would make any fixed tolerance fail through cancellation, in numpy too.
  const gridArb = fc.array(
    fc.integer({ min: -8000, max: 8000 }).map((v) => v / 8),
    { minLength: 2, maxLength: 60 },
  );
  it('row order changes nothing beyond rounding', () => {
    fc.assert(
      fc.property(gridArb, gridArb, fc.integer(), (xs, ys, seed) => {
        const a = Float64Array.from(xs);
        const b = Float64Array.from(ys);
        const shuffled = (v: Float64Array) => {
          const out = v.slice();
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(1664525, s) + 1013904223) >>> 0;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const r1 = welchTTest(a, b);
        const r2 = welchTTest(shuffled(a), shuffled(b));
        if (Number.isNaN(r1.statistic) || !Number.isFinite(r1.statistic)) return;
        expect(Math.abs(r2.statistic - r1.statistic)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r1.statistic)));
        expect(Math.abs(r2.df - r1.df)).toBeLessThanOrEqual(1e-9 * r1.df);
        expect(Math.abs(r2.pValue - r1.pValue)).toBeLessThanOrEqual(1e-9);
      }),
    );
  });
});
