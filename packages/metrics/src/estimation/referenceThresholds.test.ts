import { describe, expect, it } from 'vitest';
import { isOutside, referenceThresholds } from './referenceThresholds.js';

describe('referenceThresholds', () => {
  it('is mean ± 3 population std, clipped to [0, 1]', () => {
    const v = [0.8, 0.82, 0.84, 0.86];
    const mean = 0.83;
    const std = Math.sqrt(((0.03 ** 2 + 0.01 ** 2) * 2) / 4);
    const t = referenceThresholds(v);
    expect(t.lower).toBeCloseTo(mean - 3 * std, 15);
    expect(t.upper).toBeCloseTo(mean + 3 * std, 15);
    expect(referenceThresholds([0.99, 0.9]).upper).toBe(1);
    expect(referenceThresholds([0.01, 0.1]).lower).toBe(0);
    expect(referenceThresholds([0.5, 0.7], { multiplier: 1, lowerLimit: 0.55, upperLimit: 0.62 })).toEqual({ lower: 0.55, upper: 0.62 });
  });

  it('leaves NaN chunks out and gives no thresholds without values', () => {
    expect(referenceThresholds([0.5, Number.NaN, 0.7])).toEqual(referenceThresholds([0.5, 0.7]));
    const none = referenceThresholds([Number.NaN]);
    expect(none.lower).toBeNaN();
    expect(isOutside(0.1, none)).toBe(false);
  });

  it('alerts outside the band only', () => {
    const t = { lower: 0.7, upper: 0.9 };
    expect(isOutside(0.69, t)).toBe(true);
    expect(isOutside(0.91, t)).toBe(true);
    expect(isOutside(0.7, t)).toBe(false);
    expect(isOutside(Number.NaN, t)).toBe(false);
  });
});
