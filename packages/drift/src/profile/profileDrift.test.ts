import { Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { driftMethods } from '../methods/driftMethods.js';
import { runDriftMethod } from '../methods/runDriftMethod.js';
import { NumericProfile } from './NumericProfile.js';
import { planProfileBins } from './planProfileBins.js';
import { profileDrift } from './profileDrift.js';

const method = (name: string) => driftMethods.find((m) => m.name === name) as (typeof driftMethods)[number];

/** Normal(mean, sd) draws (Box–Muller), rounded to `digits` decimals when given (ties), with a few NaN. */
function normal(n: number, mean: number, sd: number, rng: Xoshiro128, digits?: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - rng.nextDouble();
    const x = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    out[i] = i % 997 === 5 ? Number.NaN : digits === undefined ? x : Math.round(x * 10 ** digits) / 10 ** digits;
  }
  return out;
}

/** Both sides profiled the way the runtime streams them: two passes, in batches of `batch` rows. */
function profiles(reference: Float64Array, current: Float64Array, batch = 10_000): [NumericProfile, NumericProfile] {
  const r = new NumericProfile(1);
  const c = new NumericProfile(2);
  const each = (v: Float64Array, f: (b: Float64Array) => void) => {
    for (let i = 0; i < v.length; i += batch) f(v.subarray(i, Math.min(i + batch, v.length)));
  };
  each(reference, (b) => r.scan(b));
  each(current, (b) => c.scan(b));
  planProfileBins(r, c);
  each(reference, (b) => r.count(b));
  each(current, (b) => c.count(b));
  return [r, c];
}

const cases: [string, () => [Float64Array, Float64Array]][] = [
  ['same distribution', () => [normal(200_000, 0, 1, new Xoshiro128(1)), normal(300_000, 0, 1, new Xoshiro128(2))]],
  ['shifted and wider', () => [normal(200_000, 0, 1, new Xoshiro128(3)), normal(250_000, 0.3, 1.5, new Xoshiro128(4))]],
  ['rounded (ties), skewed scale', () => [normal(150_000, 50, 20, new Xoshiro128(5), 1), normal(150_000, 55, 20, new Xoshiro128(6), 1)]],
  ['few distinct values', () => [normal(60_000, 0, 2, new Xoshiro128(7), 0), normal(80_000, 1, 2, new Xoshiro128(8), 0)]],
];

describe('profileDrift: the streamed path against the in-memory one', () => {
  for (const [label, make] of cases) {
    it(`${label}: the binned methods are identical, KS and Wasserstein within their stated bounds`, () => {
      const [reference, current] = make();
      const [r, c] = profiles(reference, current);
      for (const name of ['psi', 'kl_div', 'jensenshannon', 'hellinger']) {
        const exact = runDriftMethod(name, { kind: 'numeric', values: reference }, { kind: 'numeric', values: current });
        const streamed = profileDrift(method(name), r, c);
        expect(streamed.path).toBe('histogram');
        expect(streamed.statistic, name).toBe(exact.statistic);
      }
      for (const name of ['ks', 'wasserstein']) {
        const exact = runDriftMethod(name, { kind: 'numeric', values: reference }, { kind: 'numeric', values: current });
        const streamed = profileDrift(method(name), r, c);
        expect(streamed.path).toBe('sketch');
        const bound = streamed.bound?.statistic as number;
        expect(Math.abs(streamed.statistic - (exact.statistic as number)), name).toBeLessThanOrEqual(bound * (1 + 1e-9) + 1e-12);
        // The bound is useful, not vacuous: far below the default thresholds' scale.
        expect(bound, name).toBeLessThan(0.01);
        if (name === 'ks') {
          const [pLo, pHi] = (streamed.bound?.pValue ?? [Number.NaN, Number.NaN]) as [number, number];
          expect(pLo).toBeLessThanOrEqual(streamed.pValue as number);
          expect(pHi).toBeGreaterThanOrEqual(streamed.pValue as number);
        }
      }
    });
  }

  it('counts, missing and moments match the data, batch by batch or at once', () => {
    const v = normal(50_000, 3, 2, new Xoshiro128(9));
    const [a] = profiles(v, v, 777);
    const [b] = profiles(v, v, 50_000);
    expect(a.rows).toBe(50_000);
    expect(a.missing).toBe(b.missing);
    expect(a.missing).toBe(v.filter((x) => Number.isNaN(x)).length);
    expect(a.cdfCounts).toEqual(b.cdfCounts);
    expect(a.edgeCounts).toEqual(b.edgeCounts);
    expect(a.std()).toBeCloseTo(b.std(), 10);
  });

  it('profiles on the same bins merge into the profile of the union', () => {
    const v = normal(40_000, 0, 1, new Xoshiro128(10));
    const [whole] = profiles(v, v);
    const left = new NumericProfile();
    const right = new NumericProfile();
    left.scan(v.subarray(0, 15_000));
    right.scan(v.subarray(15_000));
    left.setBins(whole.sturgesEdges, whole.cdfEdges as Float64Array);
    right.setBins(whole.sturgesEdges, whole.cdfEdges as Float64Array);
    left.count(v.subarray(0, 15_000));
    right.count(v.subarray(15_000));
    left.merge(right);
    expect(left.n).toBe(whole.n);
    expect(left.cdfCounts).toEqual(whole.cdfCounts);
    expect(left.edgeCounts).toEqual(whole.edgeCounts);
    expect(left.sturgesCounts).toEqual(whole.sturgesCounts);
    expect(left.mean).toBeCloseTo(whole.mean, 12);
  });
});
