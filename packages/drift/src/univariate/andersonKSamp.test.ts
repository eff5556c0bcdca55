import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { AD_KSAMP_2_POLYFIT, andersonKSamp } from './andersonKSamp.js';

// Reference values: scripts/reference/gen_ks_cvm_ad.py (a plain scipy.stats.anderson_ksamp([a, b]), SciPy 1.17.1).
interface Source {
  spec?: SampleSpec;
  grid?: { n: number; loc: number; step: number };
  values?: number[];
}
interface AdCase {
  name: string;
  a: Source;
  b: Source;
  statistic: number;
  pValue: number;
  criticalValues: number[];
  region: 'capped' | 'floored' | 'interpolated';
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/ks_cvm_ad.json', import.meta.url), 'utf8')) as {
  ad: AdCase[];
  adPolyfit: number[];
};

function build(src: Source): Float64Array {
  if (src.spec) return referenceSample(src.spec);
  if (src.grid) {
    const { n, loc, step } = src.grid;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = loc + step * i;
    return x;
  }
  return Float64Array.from(src.values ?? []);
}

const relErr = (got: number, want: number): number => (got === want ? 0 : Math.abs(got - want) / Math.abs(want));

describe('andersonKSamp vs scipy.stats.anderson_ksamp', () => {
  it('uses the quadratic fit NumPy computes for the critical-value table', () => {
    expect(Array.from(AD_KSAMP_2_POLYFIT)).toEqual(fixture.adPolyfit);
  });

  it('fixture covers the capped, floored and interpolated p-value regions', () => {
    for (const region of ['capped', 'floored', 'interpolated']) {
      expect(fixture.ad.some((c) => c.region === region)).toBe(true);
    }
    expect(fixture.ad.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.ad.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = andersonKSamp(build(c.a), build(c.b));
    // Statistic within 1e-9 relative; A2 can be near 0, so also accept 1e-12 absolute.
    const sOk = relErr(r.statistic, c.statistic) <= 1e-9 || Math.abs(r.statistic - c.statistic) <= 1e-12;
    expect(sOk, `statistic ${r.statistic} vs scipy ${c.statistic}`).toBe(true);
    const pOk = relErr(r.pValue, c.pValue) <= 1e-6 || Math.abs(r.pValue - c.pValue) <= 1e-12;
    expect(pOk, `p ${r.pValue} vs scipy ${c.pValue}`).toBe(true);
    expect(r.criticalValues).toEqual(c.criticalValues);
  });
});

describe('andersonKSamp edge cases', () => {
  it('returns NaN where scipy raises', () => {
    expect(andersonKSamp(new Float64Array(0), Float64Array.from([1, 2])).statistic).toBeNaN();
    const allTied = andersonKSamp(Float64Array.from([1, 1]), Float64Array.from([1, 1, 1]));
    expect(allTied.statistic).toBeNaN();
    expect(allTied.pValue).toBeNaN();
  });
});

describe('andersonKSamp properties', () => {
  const sample = fc.oneof(
    fc
      .array(fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength: 50 })
      .map((v) => Float64Array.from(v)),
    fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 50 }).map((v) => Float64Array.from(v)),
  );

  it('row order does not change the result and swapping samples does not either', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = andersonKSamp(x, y);
        expect(andersonKSamp(x.slice().reverse(), y.slice().reverse())).toEqual(r);
        expect(andersonKSamp(y, x)).toEqual(r);
      }),
      { numRuns: 150 },
    );
  });

  it('p-value stays within the table range [0.001, 0.25]', () => {
    fc.assert(
      fc.property(sample, sample, (x, y) => {
        const r = andersonKSamp(x, y);
        if (!Number.isNaN(r.pValue)) {
          expect(r.pValue).toBeGreaterThanOrEqual(0.001);
          expect(r.pValue).toBeLessThanOrEqual(0.25);
        }
      }),
      { numRuns: 150 },
    );
  });
});
