import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedCopy } from '../special/ascending.js';
import { cdfDistance } from './cdfDistance.js';

/** Direct O(n·m) evaluation of ∫|U − V|^p over the pooled support points, for cross-checking. */
function bruteForce(p: 1 | 2, u: number[], v: number[]): number {
  const all = [...u, ...v].sort((x, y) => x - y);
  let s = 0;
  for (let k = 0; k + 1 < all.length; k++) {
    const x = all[k];
    const cu = u.filter((w) => w <= x).length / u.length;
    const cv = v.filter((w) => w <= x).length / v.length;
    s += Math.abs(cu - cv) ** p * (all[k + 1] - x);
  }
  return p === 1 ? s : Math.sqrt(s);
}

const arb = fc.oneof(
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
  fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 30 }),
);

describe('cdfDistance', () => {
  it('agrees with a direct evaluation of the integral, ties included', () => {
    fc.assert(
      fc.property(arb, arb, fc.constantFrom(1 as const, 2 as const), (u, v, p) => {
        const fast = cdfDistance(p, Float64Array.from(u), Float64Array.from(v));
        const slow = bruteForce(p, u, v);
        expect(Math.abs(fast - slow)).toBeLessThanOrEqual(1e-12 * Math.max(1, slow));
      }),
    );
  });

  it('treats -0 and 0 as the same value', () => {
    expect(cdfDistance(1, new Float64Array([-0, 1]), new Float64Array([0, 1]))).toBe(0);
  });

  it('does not modify its inputs', () => {
    const u = new Float64Array([3, 1, 2]);
    const v = new Float64Array([9, 7, 8]);
    cdfDistance(2, u, v);
    expect(Array.from(u)).toEqual([3, 1, 2]);
    expect(Array.from(v)).toEqual([9, 7, 8]);
  });
});

describe('sortedCopy', () => {
  const special = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-310, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE];
  const valueArb = fc.oneof(
    fc.double({ noNaN: true }),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(...special, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  );

  it('orders long arrays exactly like Float64Array.prototype.sort (radix path)', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 4096, maxLength: 6000 }), (xs) => {
        const a = Float64Array.from(xs);
        const expected = a.slice().sort();
        const actual = sortedCopy(a);
        expect(actual.length).toBe(expected.length);
        for (let i = 0; i < a.length; i++) if (!Object.is(actual[i], expected[i])) expect(actual[i]).toBe(expected[i]);
        expect(Array.from(a)).toEqual(xs); // input untouched
      }),
      { numRuns: 30 },
    );
  });

  it('orders short arrays like the built-in sort', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 50 }), (xs) => {
        const a = Float64Array.from(xs);
        expect(Array.from(sortedCopy(a))).toEqual(Array.from(a.slice().sort()));
      }),
    );
  });
});
