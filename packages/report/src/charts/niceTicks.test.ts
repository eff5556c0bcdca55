import { describe, expect, it } from 'vitest';
import { niceTicks } from './niceTicks.js';
import { svgNumber } from './svgNumber.js';
import { truncateLabel } from './truncateLabel.js';

describe('niceTicks', () => {
  it('picks round steps and widens the domain to them', () => {
    expect(niceTicks(0, 0.237, 4)).toEqual({ lo: 0, hi: 0.25, step: 0.05, values: [0, 0.05, 0.1, 0.15, 0.2, 0.25] });
    expect(niceTicks(-14.9, 84, 4).values).toEqual([-20, 0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.7, 0.95, 4).values).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
  });
  it('widens an empty or non-finite range', () => {
    expect(niceTicks(0, 0).values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(10, 10).lo).toBeLessThan(10);
    expect(niceTicks(Number.NaN, 1).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-1e308, 1e308).values).toEqual([-1e308, 1e308]);
  });
});

describe('svgNumber', () => {
  it('keeps one decimal and drops what SVG does not need', () => {
    expect([0.04, -0.04, 0.5, -0.55, 12.345, 100, 3].map(svgNumber)).toEqual(['0', '0', '.5', '-.5', '12.3', '100', '3']);
  });
});

describe('truncateLabel', () => {
  it('cuts by code point and marks the cut', () => {
    expect(truncateLabel('short', 10)).toBe('short');
    expect(truncateLabel('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
