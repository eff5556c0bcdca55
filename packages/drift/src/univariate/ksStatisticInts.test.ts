import { decodeScaled, Xoshiro128 } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ks2samp, ks2sampScaledDeferred } from './ks2samp.js';
import { ksStatisticInts } from './ksStatisticInts.js';

/** The statistic of the merge walk over sorted doubles (ks2samp on samples small enough to be walked). */
function walked(a: Int32Array, b: Int32Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length || j < y.length) {
    const v = j >= y.length || (i < x.length && (x[i] as number) <= (y[j] as number)) ? (x[i] as number) : (y[j] as number);
    while (i < x.length && (x[i] as number) <= v) i++;
    while (j < y.length && (y[j] as number) <= v) j++;
    const diff = Math.abs(i / x.length - j / y.length);
    if (diff > d) d = diff;
  }
  return d;
}

describe('ksStatisticInts', () => {
  const rng = new Xoshiro128(5);
  const u = () => rng.nextU32() / 4294967296;
  const sample = (n: number, f: () => number) =>
    Int32Array.from({ length: n }, () => Math.max(-2147483647, Math.min(2147483647, Math.round(f()))));
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());

  it.each([
    ['a narrow range (a bucket per value)', () => 18 + Math.floor(u() * 70), () => 23 + Math.floor(u() * 70)],
    ['decimals of 6 digits, a shift in scale', () => 21e6 + 2.5e6 * normal(), () => 21e6 + 4e6 * normal()],
    ['the same distribution (few candidates)', () => Math.exp(4.5 + 0.35 * normal()) * 1e6, () => Math.exp(4.5 + 0.35 * normal()) * 1e6],
    ['ties on a wide range', () => Math.floor(u() * 40) * 5e7 - 1e9, () => Math.floor(u() * 41) * 5e7 - 1e9],
    // Most values in the first few equal buckets: counted again into logarithmic ones.
    ['a long right tail, the same distribution', () => -Math.log(1 - u()) * 7e6, () => -Math.log(1 - u()) * 7e6],
    ['a long right tail, shifted', () => -Math.log(1 - u()) * 7e6 + 2e5, () => -Math.log(1 - u()) * 7.4e6],
    ['a long tail on negative integers', () => -2e9 + (-Math.log(1 - u())) ** 3 * 1e5, () => -2e9 + (-Math.log(1 - u())) ** 3 * 1.02e5],
    [
      'a far outlier squeezing the rest into few buckets',
      () => (u() < 1e-4 ? 2147483647 : u() * 1000),
      () => (u() < 1e-4 ? -2147483647 : u() * 1000 + 3),
    ],
  ])('equals the merge walk on %s', (_, fa, fb) => {
    for (const [n1, n2] of [
      [20_000, 20_000],
      [30_000, 7_001],
    ] as const) {
      const a = sample(n1, fa);
      const b = sample(n2, fb);
      expect(ksStatisticInts(a, b)).toBe(walked(a, b));
    }
  });

  it('equals the merge walk on arbitrary samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 30 }),
        (xs, ys, squeeze) => {
          // Squeezed to a narrower range too, so both the per-value and the bucketed paths run.
          const a = Int32Array.from(xs, (v) => v >> squeeze);
          const b = Int32Array.from(ys, (v) => v >> squeeze);
          expect(ksStatisticInts(a, b)).toBe(walked(a, b));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('ks2sampScaledDeferred', () => {
  it("gives ks2samp's result on the decoded values: statistic, p-value and mode", () => {
    const rng = new Xoshiro128(9);
    for (const [n1, n2, scale, shift] of [
      [40_000, 40_000, 6, 0],
      [40_000, 25_000, 3, 150],
      [6_000, 5_000, 2, 40],
      [0, 10, 1, 0],
    ] as const) {
      const ints = (n: number, s: number) => Int32Array.from({ length: n }, () => Math.floor((rng.nextU32() % 100_000) * 10 + s));
      const a = ints(n1, 0);
      const b = ints(n2, shift);
      const got = ks2sampScaledDeferred(a, b)();
      const want = ks2samp(decodeScaled({ ints: a, scale }), decodeScaled({ ints: b, scale }));
      expect(got).toEqual(want);
    }
  });
});
