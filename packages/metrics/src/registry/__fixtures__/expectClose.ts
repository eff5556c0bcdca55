import { expect } from 'vitest';
import type { MetricValue } from '../MetricValue.js';

/** 1e-12 relative; an expected 0 must come out as 0 (up to 1e-300). */
export function expectClose(got: MetricValue, e: { value: number | null; reason?: string }, label: string): void {
  if (e.value === null) {
    expect(got, label).toEqual({ value: null, reason: e.reason });
    return;
  }
  expect(got.value, label).not.toBeNull();
  const v = got.value as number;
  const scale = Math.max(Math.abs(v), Math.abs(e.value));
  expect(Math.abs(v - e.value), `${label}: got ${v}, sklearn ${e.value}`).toBeLessThanOrEqual(1e-12 * scale + 1e-300);
}

