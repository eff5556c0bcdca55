import { InputError } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/reportBinningFixture.js';
import { categoricalBars } from './categoricalBars.js';

const fixture = loadFixture();
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

describe('categoricalBars = pandas value_counts aligned by name, top k by share', () => {
  it.each(fixture.categorical.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(categoricalBars(Int32Array.from(c.refCodes), c.refDict, Int32Array.from(c.curCodes), c.curDict, c.topK)).toEqual(c.expected);
  });
});

describe('categoricalBars', () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '<x>'];
  const side = fc
    .shuffledSubarray(names, { minLength: 0 })
    .chain((dict) => fc.tuple(fc.constant(dict), fc.array(fc.integer({ min: -1, max: dict.length - 1 }), { maxLength: 120 })));

  it('accounts for every row and counts each name the same whatever its code', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 1, max: 10 }), ([refDict, ref], [curDict, cur], topK) => {
        const bars = categoricalBars(Int32Array.from(ref), refDict, Int32Array.from(cur), curDict, topK);
        expect(new Set(bars.categories).size).toBe(bars.categories.length);
        expect(bars.categories.length).toBeLessThanOrEqual(topK);
        for (const [s, codes, dict] of [
          [bars.reference, ref, refDict],
          [bars.current, cur, curDict],
        ] as const) {
          expect(s.rows).toBe(codes.length);
          expect(s.missing).toBe(codes.filter((c) => c === -1).length);
          expect(sum(s.counts) + s.other + s.missing).toBe(codes.length);
          bars.categories.forEach((name, i) => {
            expect(s.counts[i]).toBe(codes.filter((c) => c >= 0 && dict[c] === name).length);
          });
        }
        const seen = new Set([...ref.filter((c) => c >= 0).map((c) => refDict[c]), ...cur.filter((c) => c >= 0).map((c) => curDict[c])]);
        expect(bars.categories.length + bars.otherCategories).toBe(seen.size);
        if (bars.otherCategories === 0) {
          expect(bars.reference.other).toBe(0);
          expect(bars.current.other).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same bars for the same rows under any dictionary order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }),
        (ref, cur) => {
          const dict = ['p', 'q', 'r', 's', 't', 'u'];
          const rev = [...dict].reverse();
          const flip = (codes: number[]) => Int32Array.from(codes, (c) => dict.length - 1 - c);
          expect(categoricalBars(Int32Array.from(ref), dict, Int32Array.from(cur), dict, 3)).toEqual(
            categoricalBars(flip(ref), rev, flip(cur), rev, 3),
          );
        },
      ),
    );
  });

  it('keeps a category that appears in the current data only', () => {
    const bars = categoricalBars(Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]), ['a', 'b', 'c', 'd'], Int32Array.from([0, 1]), ['new', 'a'], 2);
    // b, c and d have more rows in all than "new", but "new" is half of the current data.
    expect(bars.categories).toEqual(['a', 'new']);
    expect(bars.current.counts).toEqual([1, 1]);
    expect(bars.reference.counts).toEqual([2, 0]);
    expect(bars.reference.other).toBe(6);
  });

  it('rejects codes outside the dictionary and a bad topK, naming the parameter', () => {
    expect(() => categoricalBars(Int32Array.from([0, 3]), ['a', 'b'], new Int32Array(0), [], 5)).toThrow(
      /refCodes\[1\] = 3 is not -1 \(missing\) nor an index into refDict \(length 2\)/,
    );
    expect(() => categoricalBars(new Int32Array(0), [], Int32Array.from([-2]), ['a'], 5)).toThrow(/curCodes\[0\] = -2/);
    expect(() => categoricalBars(new Int32Array(0), [], new Int32Array(0), [], 0)).toThrow(InputError);
    expect(() => categoricalBars(new Int32Array(0), [], new Int32Array(0), [], 1.5)).toThrow(/topK must be an integer >= 1, got 1.5/);
  });

  it('counts a million rows per side quickly', () => {
    const n = 1_000_000;
    const dict = Array.from({ length: 500 }, (_, i) => `c${i}`);
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = (i * 7919) % 500;
      b[i] = i % 100 === 0 ? -1 : (i * 104729) % 500;
    }
    const t0 = performance.now();
    const bars = categoricalBars(a, dict, b, [...dict].reverse(), 20);
    const ms = performance.now() - t0;
    expect(sum(bars.reference.counts) + bars.reference.other).toBe(n);
    expect(bars.current.missing).toBe(n / 100);
    expect(bars.otherCategories).toBe(480);
    expect(ms).toBeLessThan(1000);
  });
});
