import { InputError } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, loadFixture } from './__fixtures__/reportBinningFixture.js';
import { numericHistogram } from './numericHistogram.js';

const fixture = loadFixture();
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

describe('numericHistogram = np.histogram on np.histogram_bin_edges of both finite samples', () => {
  it.each(fixture.numeric.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(numericHistogram(decode(c.reference), decode(c.current), c.bins)).toEqual(c.expected);
  });
});

describe('numericHistogram', () => {
  it('keeps its edges strictly increasing on a range of a few subnormal ulps', () => {
    // linspace(-2e-323, 0, 7) rounds an interior edge up to 5e-324, past the top edge 0.
    const h = numericHistogram(Float64Array.from([0]), Float64Array.from([-2e-323]), 6);
    expect(h.edges).toEqual([-2e-323, -1.5e-323, -1e-323, -5e-324, 0]);
    expect(h.reference.counts).toEqual([0, 0, 0, 1]);
    expect(h.current.counts).toEqual([1, 0, 0, 0]);
  });

  it('puts every finite value in a bin; NaN is missing, infinities are counted apart', () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const value = fc.oneof(
      { weight: 8, arbitrary: finite },
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 200 }),
        fc.array(value, { maxLength: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (a, b, bins) => {
          const h = numericHistogram(Float64Array.from(a), Float64Array.from(b), bins);
          expect(h.edges.length).toBeGreaterThanOrEqual(2);
          expect(h.edges.length).toBeLessThanOrEqual(bins + 1);
          for (let i = 1; i < h.edges.length; i++) expect(h.edges[i]).toBeGreaterThan(h.edges[i - 1]);
          for (const [side, xs] of [
            [h.reference, a],
            [h.current, b],
          ] as const) {
            expect(side.rows).toBe(xs.length);
            expect(side.counts).toHaveLength(h.edges.length - 1);
            expect(side.missing).toBe(xs.filter(Number.isNaN).length);
            expect(side.posInfinite).toBe(xs.filter((x) => x === Number.POSITIVE_INFINITY).length);
            expect(side.negInfinite).toBe(xs.filter((x) => x === Number.NEGATIVE_INFINITY).length);
            expect(sum(side.counts) + side.missing + side.posInfinite + side.negInfinite).toBe(xs.length);
            // Each value is in the bin whose edges hold it.
            for (const x of xs.filter(Number.isFinite)) {
              const i = h.edges.findIndex((e, k) => k < h.edges.length - 1 && x >= e && (x < h.edges[k + 1] || k === h.edges.length - 2));
              expect(i).toBeGreaterThanOrEqual(0);
            }
          }
          const all = [...a, ...b].filter(Number.isFinite);
          if (all.length > 0 && Math.min(...all) < Math.max(...all)) {
            // `===`: numpy's first edge is 0 * step + min, which turns a -0 minimum into +0, the same edge.
            expect(h.edges[0] === Math.min(...all)).toBe(true);
            expect(h.edges[h.edges.length - 1]).toBe(Math.max(...all));
          }
        },
      ),
      { numRuns: 1000, examples: [[[-0], [5e-324], 1]] },
    );
  });

  it('is unchanged by the order of rows', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 100 }), (a) => {
        const x = Float64Array.from(a);
        const y = Float64Array.from(a).reverse();
        expect(numericHistogram(x, y, 13)).toEqual(numericHistogram(y, x, 13));
      }),
    );
  });

  it('drops repeated edges when the range is too narrow for the bins (numpy raises there)', () => {
    const a = new Float64Array([1, 1 + 4 * Number.EPSILON]);
    const h = numericHistogram(a, new Float64Array(0), 30);
    expect(h.edges.length).toBeLessThanOrEqual(5);
    expect(h.edges[0]).toBe(1);
    expect(h.edges[h.edges.length - 1]).toBe(1 + 4 * Number.EPSILON);
    for (let i = 1; i < h.edges.length; i++) expect(h.edges[i]).toBeGreaterThan(h.edges[i - 1]);
    expect(sum(h.reference.counts)).toBe(2);
    expect(h.reference.counts[0]).toBe(1);
    expect(h.reference.counts[h.reference.counts.length - 1]).toBe(1);
  });

  it('keeps finite edges over a range wider than Number.MAX_VALUE', () => {
    const h = numericHistogram(new Float64Array([-1e308, 1e308, 0]), new Float64Array([5e307]), 4);
    expect(h.edges).toHaveLength(5);
    expect(h.edges.every(Number.isFinite)).toBe(true);
    expect(h.edges[0]).toBe(-1e308);
    expect(h.edges[4]).toBe(1e308);
    expect(h.reference.counts).toEqual([1, 0, 1, 1]);
    // 5e307 sits on the left edge of the last bin.
    expect(h.current.counts).toEqual([0, 0, 0, 1]);
  });

  it('rejects a bin count that is not an integer in [1, 1000], naming the parameter', () => {
    const x = new Float64Array([1, 2]);
    for (const bins of [0, -3, 2.5, Number.NaN, 1001]) {
      expect(() => numericHistogram(x, x, bins)).toThrow(InputError);
      expect(() => numericHistogram(x, x, bins)).toThrow(/bins must be an integer in \[1, 1000\]/);
    }
  });

  it('bins a million rows per side quickly', () => {
    const n = 1_000_000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = Math.sin(i) * 100;
      b[i] = i % 1000 === 0 ? Number.NaN : Math.cos(i) * 120 + 5;
    }
    const t0 = performance.now();
    const h = numericHistogram(a, b, 30);
    const ms = performance.now() - t0;
    expect(sum(h.reference.counts)).toBe(n);
    expect(sum(h.current.counts)).toBe(n - 1000);
    expect(h.current.missing).toBe(1000);
    // 35-90 ms measured on the shared 2-core machine; the loose bound catches quadratic work, not small regressions.
    expect(ms).toBeLessThan(1000);
  });
});
