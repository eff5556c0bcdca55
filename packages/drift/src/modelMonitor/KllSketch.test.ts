import { describe, expect, it } from 'vitest';
import { KllSketch } from './KllSketch.js';
import { numericLInfinity, weightedValuesOfSample, weightedValuesOfSketch } from './modelMonitorDistances.js';

describe('KllSketch', () => {
  it('keeps every value up to k', () => {
    const s = new KllSketch({ k: 8 });
    for (const x of [5, 3, Number.NaN, 9, 1]) s.update(x);
    expect(s.data()).toEqual([[1, 3, 5, 9]]);
  });

  it('compacts past k and keeps the weights summing to the count', () => {
    const s = new KllSketch({ k: 64, seed: 3 });
    const n = 10_000;
    for (let i = 0; i < n; i++) s.update(i);
    const data = s.data();
    expect(data.length).toBeGreaterThan(1);
    const retained = data.reduce((a, level) => a + level.length, 0);
    expect(retained).toBeLessThan(400);
    expect(data.reduce((a, level, h) => a + level.length * 2 ** h, 0)).toBe(n);
  });

  it("approximates the CDF within KLL's error at Model Monitor's k", () => {
    const s = new KllSketch({ seed: 7 });
    const values = new Float64Array(200_000);
    let x = 12345;
    for (let i = 0; i < values.length; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      values[i] = x / 2147483648;
      s.update(values[i]);
    }
    // The sketch's CDF against the exact one: within 1 % (KLL with k = 2048 is far tighter than that).
    const d = numericLInfinity(weightedValuesOfSketch(s.data()), weightedValuesOfSample(values));
    expect(d.simple).toBeLessThan(0.01);
    expect(d.n).toBe(values.length);
  });
});
