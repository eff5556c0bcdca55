import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  categoricalChiSquared,
  categoricalLInfinity,
  numericLInfinity,
  weightedValuesOfBuckets,
  weightedValuesOfSample,
  weightedValuesOfSketch,
} from './modelMonitorDistances.js';

interface Fixture {
  numeric: {
    name: string;
    baseline: { values: number[]; weights: number[] };
    current: number[];
    simple: number;
    robust: number;
    n: number;
    m: number;
    ks2samp?: number;
  }[];
  categorical: {
    name: string;
    baseline: Record<string, number>;
    current: Record<string, number>;
    simple: number;
    robust: number;
    chiSquared: { statistic: number; df: number; pValue: number };
  }[];
}

// scripts/reference/gen_model_monitor.py (numpy, scipy)
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/distances.json', import.meta.url), 'utf8')) as Fixture;

describe('numericLInfinity (Deequ numericalDistance)', () => {
  for (const c of fixture.numeric) {
    it(`${c.name}: matches numpy's weighted CDF distance`, () => {
      // Weights 1, 2, 4 are KLL levels 0, 1, 2: rebuild the sketch's data from them.
      const levels: number[][] = [[], [], []];
      c.baseline.values.forEach((v, i) => {
        levels[Math.log2(c.baseline.weights[i])].push(v);
      });
      const d = numericLInfinity(weightedValuesOfSketch(levels), weightedValuesOfSample(Float64Array.from(c.current)));
      expect(d.n).toBe(c.n);
      expect(d.m).toBe(c.m);
      expect(d.simple).toBeCloseTo(c.simple, 12);
      expect(d.robust).toBeCloseTo(c.robust, 12);
      if (c.ks2samp !== undefined) expect(d.simple).toBeCloseTo(c.ks2samp, 12);
    });
  }

  it('is symmetric and zero on identical samples', () => {
    const a = weightedValuesOfSample(Float64Array.from([3, 1, 2, Number.NaN, 2]));
    const b = weightedValuesOfSample(Float64Array.from([5, 1, 1]));
    expect(numericLInfinity(a, b).simple).toBe(numericLInfinity(b, a).simple);
    expect(numericLInfinity(a, a).simple).toBe(0);
    expect(a.values).toEqual(Float64Array.from([1, 2, 2, 3]));
  });

  it('reads a bucket histogram as a step CDF at the upper bounds', () => {
    const base = weightedValuesOfBuckets([
      { upper_bound: 1, count: 2 },
      { upper_bound: 2, count: 0 },
      { upper_bound: 3, count: 2 },
    ]);
    expect([...base.values]).toEqual([1, 3]);
    // CDFs at 1: 2/4 vs 1/2; at 2: 2/4 vs 1/2... current [1, 3] gives the same steps.
    expect(numericLInfinity(base, weightedValuesOfSample(Float64Array.from([1, 3]))).simple).toBe(0);
    expect(numericLInfinity(base, weightedValuesOfSample(Float64Array.from([3, 3]))).simple).toBe(0.5);
  });
});

describe('categorical distances', () => {
  for (const c of fixture.categorical) {
    const base = new Map(Object.entries(c.baseline));
    const cur = new Map(Object.entries(c.current));
    it(`${c.name}: L-infinity of shares`, () => {
      const d = categoricalLInfinity(base, cur);
      expect(d.simple).toBeCloseTo(c.simple, 14);
      expect(d.robust).toBeCloseTo(c.robust, 14);
    });
    it(`${c.name}: chi-square after Deequ's regrouping matches scipy.stats.chisquare`, () => {
      const fit = categoricalChiSquared(cur, base);
      expect(fit.df).toBe(c.chiSquared.df);
      expect(fit.statistic).toBeCloseTo(c.chiSquared.statistic, 10);
      expect(fit.pValue).toBeCloseTo(c.chiSquared.pValue, 10);
    });
  }

  it('gives NaN when fewer than two categories remain', () => {
    expect(categoricalChiSquared(new Map([['a', 3]]), new Map([['a', 10]])).pValue).toBeNaN();
  });
});
