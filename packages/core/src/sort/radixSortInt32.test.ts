import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../random/Xoshiro128.js';
import { radixSortInt32 } from './radixSortInt32.js';

function check(values: Int32Array, scratch?: Int32Array): void {
  const expected = values.slice().sort();
  radixSortInt32(values, scratch);
  expect(values).toEqual(expected);
}

describe('radixSortInt32 sorts like Int32Array.prototype.sort', () => {
  const rng = new Xoshiro128(11);

  it('the full int32 range, both signs, extremes and duplicates (radix passes)', () => {
    const a = new Int32Array(50_000);
    for (let i = 0; i < a.length; i++) a[i] = rng.nextU32() | 0;
    a[3] = -2147483648;
    a[4] = 2147483647;
    for (let i = 100; i < 3000; i++) a[i] = a[i % 40] as number;
    check(a, new Int32Array(60_000));
  });

  it('a narrow range (counting), one pass trivial (values under 65536), all equal, short inputs', () => {
    check(Int32Array.from({ length: 30_000 }, () => (rng.nextU32() % 90) - 20));
    check(Int32Array.from({ length: 30_000 }, () => rng.nextU32() % 60_000_000));
    check(Int32Array.from({ length: 30_000 }, () => -(rng.nextU32() % 200_000)));
    check(new Int32Array(10_000).fill(-7));
    check(Int32Array.of(3, -1, 2));
    check(new Int32Array(0));
  });

  it('any array, with a scratch too short (ignored)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 4096, maxLength: 6000 }), (xs) => {
        const a = Int32Array.from(xs);
        const expected = a.slice().sort();
        radixSortInt32(a, new Int32Array(10));
        return a.every((v, i) => v === expected[i]);
      }),
      { numRuns: 30 },
    );
  });
});
