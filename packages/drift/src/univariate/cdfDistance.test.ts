import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedCopy } from '../special/ascending.js';
import { cdfDistance, walkMerged } from './cdfDistance.js';

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

/**
 * Where the walk ended (i, j, the last value) and its sum and compensation, walked one way in blocks of
 * `steps`. The last value may be 0 or -0 (a tie of the two, met in another order), read as 0.
 */
function walked(p: 1 | 2, us: Float64Array, vs: Float64Array, way: 'adaptive' | 'distinct' | 'elements', steps: number): number[] {
  const state = Float64Array.of(0, 0, Math.min(us[0] as number, vs[0] as number), 0, 0);
  walkMerged(p, us, vs, state, way, steps);
  state[2] += 0;
  return Array.from(state);
}

describe('walkMerged', () => {
  // Values drawn from few (many ties), some, or many distinct values, and runs of one value: the
  // adaptive walk then switches between its two ways within one pair of samples (over a thousand
  // times in each way in 500 runs, counted once by hand).
  const valueArb = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.integer({ min: -300, max: 300 }).map((k) => k / 7),
    fc.double({ min: -50, max: 50, noNaN: true }),
    fc.constantFrom(0, -0),
  );
  const sideArb = fc
    .array(fc.tuple(valueArb, fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 60 })
    .map((runs) => sortedCopy(Float64Array.from(runs.flatMap(([x, n]) => (n > 30 ? Array(n - 30).fill(x) : [x])))));

  it('adds the same terms to the bit whether it steps by value, by distinct value, or switches', () => {
    fc.assert(
      fc.property(sideArb, sideArb, fc.constantFrom(1 as const, 2 as const), fc.integer({ min: 1, max: 9 }), (us, vs, p, steps) => {
        const distinct = walked(p, us, vs, 'distinct', steps);
        expect(walked(p, us, vs, 'elements', steps)).toEqual(distinct);
        expect(walked(p, us, vs, 'adaptive', steps)).toEqual(distinct);
        expect(walked(p, us, vs, 'adaptive', 65536)).toEqual(distinct);
      }),
      { numRuns: 500 },
    );
  });

  it('walks every value of both sides, ending past the last', () => {
    const us = Float64Array.of(1, 1, 2, 5);
    const vs = Float64Array.of(0, 2, 2, 3, 9);
    for (const way of ['adaptive', 'distinct', 'elements'] as const) {
      const [i, j, current] = walked(1, us, vs, way, 2);
      expect([i, j, current]).toEqual([4, 5, 9]);
    }
    // ∫|U − V|: 0→1 at 1/5, 1→2 at |2/4 − 1/5|, 2→3 at |3/4 − 3/5|, 3→5 at |3/4 − 4/5|, 5→9 at 1/5.
    const [, , , sum, compensation] = walked(1, us, vs, 'elements', 2);
    expect((sum as number) + (compensation as number)).toBeCloseTo(0.2 + 0.3 + 0.15 + 0.1 + 0.8, 14);
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
