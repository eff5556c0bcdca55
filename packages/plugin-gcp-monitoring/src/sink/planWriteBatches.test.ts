import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWriteBatches } from './planWriteBatches.js';

const times = (xs: number[]) => Float64Array.from(xs);

describe('planWriteBatches', () => {
  it('packs distinct series into ceil(n / max) requests', () => {
    const series = Array.from({ length: 450 }, (_, i) => `s${i}`);
    const batches = planWriteBatches(series, new Float64Array(450), 200);
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('sends the points of one series in separate requests, oldest first', () => {
    const batches = planWriteBatches(['a', 'a', 'b', 'a'], times([30, 10, 5, 20]), 200);
    expect(batches).toEqual([[1, 2], [3], [0]]);
  });

  it('fills a later request with a second point once its first point has gone earlier', () => {
    // 3 series of 2 points, 2 series per request: a1 b1 | c1 a2 | b2 c2
    const batches = planWriteBatches(['a', 'b', 'c', 'a', 'b', 'c'], times([1, 1, 1, 2, 2, 2]), 2);
    expect(batches).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('holds the API rules for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 80 }),
        fc.integer({ min: 1, max: 7 }),
        (points, max) => {
          const series = points.map(([s]) => `s${s}`);
          const t = times(points.map(([, x]) => x));
          const batches = planWriteBatches(series, t, max);
          const all = batches.flat().sort((a, b) => a - b);
          expect(all).toEqual(points.map((_, i) => i));
          const last = new Map<string, number>();
          for (const batch of batches) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(max);
            const inBatch = new Set(batch.map((i) => series[i]));
            expect(inBatch.size).toBe(batch.length);
            for (const i of batch) {
              expect(t[i]).toBeGreaterThanOrEqual(last.get(series[i]) ?? -1);
              last.set(series[i], t[i]);
            }
          }
          // No more requests than the lower bounds force: the longest series, and ceil(n / max).
          const longest = Math.max(0, ...[...new Set(series)].map((s) => series.filter((x) => x === s).length));
          expect(batches.length).toBeLessThanOrEqual(Math.max(longest, Math.ceil(points.length / max)) + longest);
        },
      ),
    );
  });
});
