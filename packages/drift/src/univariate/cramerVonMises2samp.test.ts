import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { cdfCvmInf, cramerVonMises2samp } from './cramerVonMises2samp.js';

// Reference values: scripts/reference/gen_ks_cvm_ad.py (scipy.stats.cramervonmises_2samp, SciPy 1.17.1).
interface Source {
  spec?: SampleSpec;
  grid?: { n: number; loc: number; step: number };
  values?: number[];
}
interface CvmCase {
  name: string;
  a: Source;
  b: Source;
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/ks_cvm_ad.json', import.meta.url), 'utf8')) as {
  cvm: CvmCase[];
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

/** Accuracy contract: statistic 1e-9 relative; p-value 1e-6 relative or 1e-12 absolute. */
function expectMatches(got: { statistic: number; pValue: number }, c: { statistic: number; pValue: number }): void {
  const sOk = relErr(got.statistic, c.statistic) <= 1e-9;
  expect(sOk, `statistic ${got.statistic} vs scipy ${c.statistic}`).toBe(true);
  const pOk = relErr(got.pValue, c.pValue) <= 1e-6 || Math.abs(got.pValue - c.pValue) <= 1e-12;
  expect(pOk, `p ${got.pValue} vs scipy ${c.pValue}`).toBe(true);
}

describe('cramerVonMises2samp vs scipy.stats.cramervonmises_2samp', () => {
  it('fixture covers both methods and the switch between them', () => {
    const names = fixture.cvm.map((c) => c.name);
    expect(fixture.cvm.filter((c) => c.method === 'exact').length).toBeGreaterThanOrEqual(10);
    expect(fixture.cvm.filter((c) => c.method === 'asymptotic').length).toBeGreaterThanOrEqual(10);
    expect(names.some((n) => n.startsWith('switch'))).toBe(true);
    expect(fixture.cvm.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cvm.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = cramerVonMises2samp(build(c.a), build(c.b));
    expectMatches(r, c);
    expect(r.method).toBe(c.method);
  });
});

describe('cdfCvmInf', () => {
  // scipy.stats._hypotests._cdf_cvm_inf at a few points.
  it.each([
    [0.05, 0.12371906895864906],
    [0.2, 0.7325295694592229],
    [0.461, 0.9498928727982415],
    [1.0, 0.9975395478198642],
  ])('cdf(%f)', (x, want) => {
    expect(relErr(cdfCvmInf(x), want)).toBeLessThan(1e-13);
  });
});

describe('cramerVonMises2samp edge cases', () => {
  it('returns NaN when a sample has fewer than two observations', () => {
    const r = cramerVonMises2samp(Float64Array.from([1]), Float64Array.from([1, 2, 3]));
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
  });
});

describe('cramerVonMises2samp properties', () => {
  const sample = (maxLength: number) =>
    fc.oneof(
      fc
        .array(fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), { minLength: 2, maxLength })
        .map((v) => Float64Array.from(v)),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength }).map((v) => Float64Array.from(v)),
    );
  const reverse = (v: Float64Array): Float64Array => v.slice().reverse();

  it('row order does not change the result', () => {
    fc.assert(
      fc.property(sample(40), sample(40), (x, y) => {
        expect(cramerVonMises2samp(reverse(x), reverse(y))).toEqual(cramerVonMises2samp(x, y));
      }),
      { numRuns: 100 },
    );
  });

  it('is symmetric in its two samples', () => {
    fc.assert(
      fc.property(sample(12), sample(40), (x, y) => {
        expect(cramerVonMises2samp(y, x)).toEqual(cramerVonMises2samp(x, y));
      }),
      { numRuns: 100 },
    );
  });
});
