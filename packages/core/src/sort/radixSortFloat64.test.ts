import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../random/Xoshiro128.js';
import { radixSortFloat64 } from './radixSortFloat64.js';

function check(values: Float64Array, scratch?: Float64Array): void {
  const expected = values.slice().sort();
  radixSortFloat64(values, scratch);
  for (let i = 0; i < values.length; i++) if (!Object.is(values[i], expected[i])) expect(values[i]).toBe(expected[i]);
}

describe('radixSortFloat64 sorts like Float64Array.prototype.sort', () => {
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
    a[9] = Number.MIN_VALUE;
    a[10] = -Number.MAX_VALUE;
    for (let i = 100; i < 2000; i++) a[i] = a[i % 50] as number;
    check(a);
  });

  it('values sharing their high 32 bits: short runs, long runs, runs with one low word', () => {
    const n = 10_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = 0.5 + (u() < 0.5 ? u() * 1e-10 : u() * 1e-3) * (u() < 0.3 ? -1 : 1);
    check(a);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) b[i] = -(0.25 + u() * 1e-12);
    check(b);
    // Millisecond timestamps within an hour: a few high words, runs of thousands (radix on the low word).
    const c = new Float64Array(50_000);
    for (let i = 0; i < c.length; i++) c[i] = 1.7e12 + Math.floor(u() * 3_600_000);
    check(c);
    // Integers: every run's low words are equal.
    const d = Float64Array.from({ length: 30_000 }, () => Math.floor(u() * 90) - 20);
    check(d);
  });

  it('probabilities at full precision and rounded (ties), a reused scratch buffer, short inputs', () => {
    const scratch = new Float64Array(60_000);
    const a = new Float64Array(50_000);
    for (let i = 0; i < a.length; i++) a[i] = u();
    check(a, scratch);
    check(
      Float64Array.from(a, (x) => Math.round(x * 1000) / 1000),
      scratch,
    );
    check(a.subarray(7, 9000), new Float64Array(10)); // a view, and scratch too short (ignored)
    check(Float64Array.of(0.3, -0, 0, 0.1));
    check(new Float64Array(0));
    check(new Float64Array(5000)); // all +0: every pass trivial
  });

  it('integers of a narrow range (sorted by counting) and the integer inputs that are not counted', () => {
    const n = 20_000;
    const ages = Float64Array.from({ length: n }, () => 18 + Math.floor(u() * 73));
    check(ages);
    expect(ages[0]).toBe(18);
    // Negative, at the widest counted range (n + 65536), and just past it (radix).
    const widest = Float64Array.from({ length: n }, () => -40_000 + Math.floor(u() * (n + 65_537)));
    widest[0] = -40_000;
    widest[1] = -40_000 + n + 65_536;
    check(widest);
    const past = widest.slice();
    past[1] += 1;
    check(past);
    // Large magnitudes with a narrow range; -0 among integers, an infinity, a fraction: not counted.
    check(Float64Array.from({ length: n }, () => 2 ** 52 - Math.floor(u() * 1000)));
    for (const odd of [-0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5]) {
      const a = Float64Array.from({ length: n }, () => Math.floor(u() * 10) - 5);
      a[n - 1] = odd;
      a[3] = 0;
      check(a);
    }
  });

  it('agrees with the built-in sort on any input long enough for the radix path', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.integer({ min: 0, max: 1 << 20 }).map((k) => 1e6 + k * 2 ** -30),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 4096, maxLength: 6000 }), (xs) => check(Float64Array.from(xs))),
      { numRuns: 30 },
    );
  });
});
