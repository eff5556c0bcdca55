import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceSample, type SampleSpec } from '../testing/referenceSample.js';
import { ks2samp } from './ks2samp.js';

// Reference values: scripts/reference/gen_ks_cvm_ad.py (scipy.stats.ks_2samp, SciPy 1.17.1).
interface Source {
  spec?: SampleSpec;
  grid?: { n: number; loc: number; step: number };
  values?: number[];
}
interface KsCase {
  name: string;
  a: Source;
  b: Source;
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
  branch: string;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/ks_cvm_ad.json', import.meta.url), 'utf8')) as {
  ks: KsCase[];
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
  expect(relErr(got.statistic, c.statistic)).toBeLessThanOrEqual(1e-9);
  const pOk = relErr(got.pValue, c.pValue) <= 1e-6 || Math.abs(got.pValue - c.pValue) <= 1e-12;
  expect(pOk, `p ${got.pValue} vs scipy ${c.pValue}`).toBe(true);
}

describe('ks2samp vs scipy.stats.ks_2samp', () => {
  it('fixture covers the exact paths, the fallback and every kstwo.sf branch', () => {
    const branches = new Set(fixture.ks.map((c) => c.branch.replace('fallback:', '')));
    for (const b of [
      'exact-square',
      'exact-inside',
      'support-0',
      'support-1',
      'rg-lower',
      'rg-lower-stirling',
      'rg-upper',
      'smirnov-x-ge-half',
      'dmtw-small-n',
      'pomeranz',
      'smirnov-small-n',
      'zero',
      'smirnov-large-n',
      'dmtw-large-n',
      'pelz-good',
    ]) {
      expect(branches.has(b), b).toBe(true);
    }
    expect(fixture.ks.some((c) => c.branch.startsWith('fallback:'))).toBe(true);
    expect(fixture.ks.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.ks.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = ks2samp(build(c.a), build(c.b));
    expectMatches(r, c);
    expect(r.method).toBe(c.method);
    // Sorted samples passed as sorted (the engine's): the same result.
    expect(ks2samp(build(c.a).sort(), build(c.b).sort(), true)).toEqual(r);
  });
});

describe('ks2samp edge cases', () => {
  it('returns NaN for an empty sample', () => {
    const r = ks2samp(new Float64Array(0), Float64Array.from([1, 2]));
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
  });

  it('does not modify its inputs', () => {
    const a = Float64Array.from([3, 1, 2]);
    const b = Float64Array.from([0.5, 2.5]);
    ks2samp(a, b);
    expect(Array.from(a)).toEqual([3, 1, 2]);
    expect(Array.from(b)).toEqual([0.5, 2.5]);
  });
});

describe('ks2samp properties', () => {
  const sample = fc
    .array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 60 })
    .map((v) => Float64Array.from(v));
  // Small integers force ties.
  const tied = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 60 }).map((v) => Float64Array.from(v));
  const anySample = fc.oneof(sample, tied);

  it('identical samples give statistic 0 and p-value 1', () => {
    fc.assert(
      fc.property(anySample, (x) => {
        const r = ks2samp(x, x.slice());
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
      { numRuns: 200 },
    );
  });

  it('row order does not change the result', () => {
    fc.assert(
      fc.property(anySample, anySample, fc.integer(), (x, y, seed) => {
        const shuffle = (v: Float64Array): Float64Array => {
          const out = v.slice();
          let s = seed >>> 0;
          for (let i = out.length - 1; i > 0; i--) {
            s = (Math.imul(1664525, s) + 1013904223) >>> 0;
            const j = s % (i + 1);
            const t = out[i];
            out[i] = out[j];
            out[j] = t;
          }
          return out;
        };
        expect(ks2samp(shuffle(x), shuffle(y))).toEqual(ks2samp(x, y));
      }),
      { numRuns: 200 },
    );
  });

  it('is symmetric in its two samples', () => {
    fc.assert(
      fc.property(anySample, anySample, (x, y) => {
        const r1 = ks2samp(x, y);
        const r2 = ks2samp(y, x);
        expect(r2.statistic).toBe(r1.statistic);
        expect(r2.pValue).toBe(r1.pValue);
        expect(r2.method).toBe(r1.method);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a statistic and p-value in [0, 1]', () => {
    fc.assert(
      fc.property(anySample, anySample, (x, y) => {
        const r = ks2samp(x, y);
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.statistic).toBeLessThanOrEqual(1);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
