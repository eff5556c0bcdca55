import { radixSortFloat64 } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks2samp } from './ks2samp.js';
import { ksStatisticUnsorted } from './ksStatisticUnsorted.js';

/** The merge walk over sorted copies: the definition the bucketed statistic must reproduce to the bit. */
function walked(a: Float64Array, b: Float64Array): number {
  const x = a.slice();
  const y = b.slice();
  radixSortFloat64(x);
  radixSortFloat64(y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    while (i < x.length && x[i] <= v) i++;
    while (j < y.length && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** xorshift32 uniforms in [0, 1): deterministic samples without a library. */
function uniforms(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

function normals(n: number, mean: number, sd: number, seed: number): Float64Array {
  const u = uniforms(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return out;
}

function mapped(n: number, seed: number, f: (u: number) => number): Float64Array {
  const u = uniforms(seed);
  return Float64Array.from({ length: n }, () => f(u()));
}

describe('ksStatisticUnsorted', () => {
  it.each([
    ['normal vs normal', normals(100_000, 0, 1, 1), normals(80_000, 0, 1, 2)],
    ['normal vs shifted normal', normals(100_000, 0, 1, 3), normals(100_000, 0.35, 1, 4)],
    ['normal vs wider normal', normals(100_000, 21, 2.5, 5), normals(120_000, 21, 4, 6)],
    [
      'lognormal, 6 decimals',
      mapped(100_000, 7, (u) => Math.round(Math.exp(10.8 + 2 * u) * 1e6) / 1e6),
      mapped(90_000, 8, (u) => Math.round(Math.exp(10.7 + 2 * u) * 1e6) / 1e6),
    ],
    ['integers with ties', mapped(100_000, 9, (u) => Math.floor(18 + 72 * u)), mapped(100_000, 10, (u) => Math.floor(20 + 72 * u * u))],
    ['few values', mapped(60_000, 11, (u) => Math.floor(5 * u)), mapped(70_000, 12, (u) => Math.floor(5 * u * u))],
    [
      'few fractional values (ties in single-valued buckets)',
      mapped(100_000, 23, (u) => Math.floor(40 * u) / 8),
      mapped(90_000, 24, (u) => Math.floor(40 * u * u) / 8),
    ],
    ['a narrow range (one high word)', mapped(50_000, 13, (u) => 1 + u * 2 ** -30), mapped(50_000, 14, (u) => 1 + u * u * 2 ** -30)],
    [
      'signed zeros and infinities',
      mapped(40_000, 15, (u) => [-0, 0, -Infinity, Infinity, -1e-300, 1e-300, u - 0.5][Math.floor(7 * u)] as number),
      mapped(40_000, 16, (u) => [0, -0, Infinity, u][Math.floor(4 * u)] as number),
    ],
    ['disjoint', mapped(30_000, 17, (u) => u), mapped(30_000, 18, (u) => 2 + u)],
    ['identical', normals(50_000, 0, 1, 19), normals(50_000, 0, 1, 19)],
  ])('%s: the merge walk to the bit', (_name, a, b) => {
    const before = [a.slice(), b.slice()];
    const d = ksStatisticUnsorted(a, b);
    expect(Object.is(d, walked(a, b))).toBe(true);
    expect(Object.is(ksStatisticUnsorted(b, a), d)).toBe(true);
    expect(a).toEqual(before[0]);
    expect(b).toEqual(before[1]);
  });

  it('equals the merge walk on arbitrary samples', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -4, max: 4 }).map((k) => k / 2),
      fc.constantFrom(-0, 0, Number.MIN_VALUE, -Number.MIN_VALUE),
    );
    const sample = fc.array(value, { minLength: 1, maxLength: 400 }).map((v) => Float64Array.from(v));
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        expect(Object.is(ksStatisticUnsorted(a, b), walked(a, b))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives ks2samp the same result unsorted as sorted', () => {
    const a = normals(60_000, 0, 1, 21);
    const b = normals(50_000, 0.01, 1, 22);
    const x = a.slice();
    const y = b.slice();
    radixSortFloat64(x);
    radixSortFloat64(y);
    const sorted = ks2samp(x, y, true, 1);
    expect(ks2samp(a, b, false, 1)).toEqual(sorted);
    expect(sorted.statistic).toBeGreaterThan(0);
  });
});
