import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './Xoshiro128.js';

/** Lemire's multiply-shift with rejection written with a double's `%` and `Math.floor`, as the draws are defined. */
function nextBelowByModulo(rng: Xoshiro128, bound: number): number {
  let m = rng.nextU32() * bound;
  let low = m % 4294967296;
  if (low < bound) {
    const threshold = (4294967296 - bound) % bound;
    while (low < threshold) {
      m = rng.nextU32() * bound;
      low = m % 4294967296;
    }
  }
  return Math.floor(m / 4294967296);
}

describe('Xoshiro128.nextBelow', () => {
  it('draws what the multiply-shift written with `%` draws, for any bound up to 2^21 and any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 2 ** 21 }), (seed, bound) => {
        const a = new Xoshiro128(seed);
        const b = new Xoshiro128(seed);
        for (let i = 0; i < 200; i++) expect(a.nextBelow(bound)).toBe(nextBelowByModulo(b, bound));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects as the definition does: bounds whose threshold is large, and 1', () => {
    for (const bound of [1, 2, 3, 2 ** 21, 2 ** 21 - 1, 1_500_001]) {
      const a = new Xoshiro128(7);
      const b = new Xoshiro128(7);
      for (let i = 0; i < 20_000; i++) expect(a.nextBelow(bound)).toBe(nextBelowByModulo(b, bound));
    }
  });
});
