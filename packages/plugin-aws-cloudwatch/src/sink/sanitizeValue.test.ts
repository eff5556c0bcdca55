import { describe, expect, it } from 'vitest';
import { sanitizeValue } from './sanitizeValue.js';

describe('sanitizeValue', () => {
  it('passes values in range through, and normalises -0', () => {
    for (const v of [0, 1, -1, 0.125, 1e100, -(2 ** 360), 2 ** -360]) expect(sanitizeValue(v, 'drop')).toEqual({ status: 'ok', value: v });
    const zero = sanitizeValue(-0, 'clamp') as { status: string; value: number };
    expect(zero.status).toBe('ok');
    expect(Object.is(zero.value, 0)).toBe(true);
  });

  it('always drops NaN', () => {
    expect(sanitizeValue(Number.NaN, 'clamp')).toEqual({ status: 'nonFinite' });
    expect(sanitizeValue(Number.NaN, 'drop')).toEqual({ status: 'nonFinite' });
  });

  it('clamps infinities and huge magnitudes to ±2^360 and tiny ones to 0', () => {
    expect(sanitizeValue(Number.POSITIVE_INFINITY, 'clamp')).toEqual({ status: 'clamped', value: 2 ** 360 });
    expect(sanitizeValue(Number.NEGATIVE_INFINITY, 'clamp')).toEqual({ status: 'clamped', value: -(2 ** 360) });
    expect(sanitizeValue(Number.MAX_VALUE, 'clamp')).toEqual({ status: 'clamped', value: 2 ** 360 });
    expect(sanitizeValue(2 ** 361, 'clamp')).toEqual({ status: 'clamped', value: 2 ** 360 });
    expect(sanitizeValue(-1e-300, 'clamp')).toEqual({ status: 'clamped', value: 0 });
  });

  it('drops them instead with outOfRange: drop', () => {
    for (const v of [Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 1e-300])
      expect(sanitizeValue(v, 'drop')).toEqual({ status: 'outOfRange' });
  });
});
