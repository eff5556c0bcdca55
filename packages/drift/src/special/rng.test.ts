import factorialln from '@stdlib/math-base-special-factorialln';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { chi2Sf } from './distributions.js';
import { createRng, hypergeometric, partialShuffle, sampleIndices, shuffle } from './rng.js';

describe('xoshiro128** (rng.ts)', () => {
  const fixture = loadFixture();

  it.each(fixture.rng.map((c) => [c.seed, c] as const))('reproduces the Python port stream for seed %i', (_s, c) => {
    const rng = createRng(c.seed);
    expect(Array.from({ length: c.u32.length }, () => rng.nextU32())).toEqual(c.u32);
    const bounds = [1, 2, 3, 10, 1000, 2097152, 2097153, 3000000000, 2 ** 32];
    expect(bounds.map((b) => rng.nextBelow(b))).toEqual(c.below);
    const a = Int32Array.from({ length: 10 }, (_, i) => i);
    shuffle(a, rng);
    expect(Array.from(a)).toEqual(c.shuffled);
    expect(Array.from(sampleIndices(1000000, 10, rng))).toEqual(c.sample);
    expect(Array.from({ length: 3 }, () => rng.nextDouble())).toEqual(c.doubles);
    const params = [
      [0, 5, 3],
      [5, 0, 3],
      [3, 4, 7],
      [30, 50, 25],
      [1, 1000000, 500000],
      [400000, 600000, 500000],
      [10, 10, 1],
      [10, 10, 19],
      [123456, 654321, 300000],
    ] as const;
    expect(params.map(([g, b, d]) => hypergeometric(g, b, d, rng))).toEqual(c.hypergeometric);
  });

  it('hypergeometric draws follow the hypergeometric law (chi-squared goodness of fit)', () => {
    const rng = createRng(11);
    for (const [good, bad, draws] of [
      [30, 50, 25],
      [7, 3, 5],
      [2000, 8000, 3000],
    ] as const) {
      const lo = Math.max(0, draws - bad);
      const hi = Math.min(good, draws);
      const counts = new Float64Array(hi - lo + 1);
      const reps = 40000;
      for (let i = 0; i < reps; i++) counts[hypergeometric(good, bad, draws, rng) - lo]++;
      const logC = (n: number, k: number) => factorialln(n) - factorialln(k) - factorialln(n - k);
      let stat = 0;
      let df = -1;
      for (let x = lo; x <= hi; x++) {
        const e = reps * Math.exp(logC(good, x) + logC(bad, draws - x) - logC(good + bad, draws));
        if (e < 5) continue;
        stat += (counts[x - lo] - e) ** 2 / e;
        df++;
      }
      expect(chi2Sf(stat, df)).toBeGreaterThan(1e-3);
    }
  });

  it('nextBelow stays in range and is roughly uniform', () => {
    const rng = createRng(7);
    const counts = new Int32Array(10);
    let outside = 0;
    for (let i = 0; i < 100000; i++) {
      const v = rng.nextBelow(10);
      if (!(v >= 0 && v < 10)) outside++;
      counts[v]++;
    }
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('shuffle and partialShuffle permute without losing elements', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 50 }), fc.nat(), fc.nat({ max: 60 }), (xs, seed, m) => {
        const a = Int32Array.from(xs);
        shuffle(a, createRng(seed));
        expect(Array.from(a).sort()).toEqual([...xs].sort());
        const b = Float64Array.from(xs);
        partialShuffle(b, m, createRng(seed));
        expect(Array.from(b).sort()).toEqual([...xs].sort());
      }),
    );
  });

  it('sampleIndices returns k distinct sorted indices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 600 }), fc.nat(), (n, k, seed) => {
        const idx = sampleIndices(n, k, createRng(seed));
        expect(idx.length).toBe(Math.min(n, k));
        for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
        if (idx.length) expect(idx[0] >= 0 && idx[idx.length - 1] < n).toBe(true);
      }),
    );
  });
});
