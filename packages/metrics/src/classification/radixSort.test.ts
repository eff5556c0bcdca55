import { Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { radixSortInPlace } from './radixSort.js';

function check(values: Float64Array): void {
  const expected = values.slice().sort();
  radixSortInPlace(values);
  expect(Object.is(values[0], expected[0])).toBe(true);
  expect(Array.from(values)).toEqual(Array.from(expected));
}

describe('radixSortInPlace sorts like Float64Array.prototype.sort', () => {
  const rng = new Xoshiro128(3);
  const u = () => rng.nextU32() / 4294967296;
  it('random doubles of both signs, with -0, 0, infinities and duplicates', () => {
    const n = 20_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = (u() - 0.5) * 10 ** Math.floor(u() * 20 - 10);
    a[5] = -0;
    a[6] = 0;
    a[7] = Number.POSITIVE_INFINITY;
    a[8] = Number.NEGATIVE_INFINITY;
    for (let i = 100; i < 2000; i++) a[i] = a[i % 50];
    check(a);
  });
  it('values sharing their high 32 bits (long and short runs ordered by the low word)', () => {
    const n = 10_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = 0.5 + (u() < 0.5 ? u() * 1e-10 : u() * 1e-3) * (u() < 0.3 ? -1 : 1);
    check(a);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) b[i] = -(0.25 + u() * 1e-12);
    check(b);
  });
  it('probabilities at full precision and rounded (ties), short inputs through the built-in sort', () => {
    const a = new Float64Array(50_000);
    for (let i = 0; i < a.length; i++) a[i] = u();
    check(a);
    const b = Float64Array.from(a, (x) => Math.round(x * 1000) / 1000);
    check(b);
    check(Float64Array.of(0.3, -0, 0, 0.1));
  });
});
