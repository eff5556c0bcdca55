import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoreOrder } from './ScoreOrder.js';

describe('ScoreOrder', () => {
  it('orders any finite doubles, infinities and signed zeros ascending, ties in input order', () => {
    const keys = Float64Array.of(0.5, -1e300, Number.POSITIVE_INFINITY, -0, 0, Number.NEGATIVE_INFINITY, 0.5, -2.5, 5e-324, 1);
    const rows = Int32Array.from(keys, (_, i) => i);
    const sorted = Array.from(new ScoreOrder().sort(keys, 1, 0, rows, rows.length));
    expect(sorted).toEqual([5, 1, 7, 3, 4, 8, 0, 6, 9, 2]);
  });

  it('sorts one column of a row-major matrix and a subset of rows, reusing its buffers', () => {
    const order = new ScoreOrder();
    // rows × 2: column 1 holds 3, 1, 2
    const keys = Float64Array.of(9, 3, 8, 1, 7, 2);
    expect(Array.from(order.sort(keys, 2, 1, Int32Array.of(0, 1, 2), 3))).toEqual([1, 2, 0]);
    expect(Array.from(order.sort(keys, 2, 0, Int32Array.of(2, 0), 2))).toEqual([2, 0]);
  });

  it('agrees with a stable comparator sort', () => {
    const order = new ScoreOrder();
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { maxLength: 300 }), (values) => {
        const keys = Float64Array.from(values);
        const rows = Int32Array.from(keys, (_, i) => i);
        const want = Array.from(rows).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
        const got = Array.from(order.sort(keys, 1, 0, rows, rows.length));
        // -0 and 0 compare equal for the comparator but the radix order puts -0 first; compare values,
        // with -0 read as 0 (toEqual tells them apart: [0, -0] failed on seed -460049919).
        const value = (r: number) => keys[r] + 0;
        expect(got.map(value)).toEqual(want.map(value));
      }),
      { numRuns: 200 },
    );
  });
});
