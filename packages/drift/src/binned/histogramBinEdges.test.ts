import { describe, expect, it } from 'vitest';
import { build, loadFixture } from './__fixtures__/binnedCategoricalFixture.js';
import { linspace, sturgesBinCount, sturgesBinEdges } from './histogramBinEdges.js';

const fixture = loadFixture();

describe('sturgesBinEdges = np.histogram_bin_edges(..., bins="sturges")', () => {
  it.each(fixture.sturges.map((c) => [c.name, c] as const))('%s: identical edges', (_n, c) => {
    expect(Array.from(sturgesBinEdges([build(c.data)]))).toEqual(c.edges);
  });

  it.each(fixture.numeric.filter((c) => c.mode === 'histogram').map((c) => [c.name, c] as const))(
    '%s: identical edges over concat(reference, current)',
    (_n, c) => {
      expect(Array.from(sturgesBinEdges([build(c.reference), build(c.current)]))).toEqual(c.edges);
    },
  );

  it('splitting the data over several arrays changes nothing', () => {
    const x = build(fixture.numeric[fixture.numeric.length - 1].reference);
    const whole = sturgesBinEdges([x]);
    expect(sturgesBinEdges([x.subarray(0, 10), x.subarray(10, 5000), new Float64Array(0), x.subarray(5000)])).toEqual(whole);
  });

  it('keeps numpy round trip ptp / (ptp / (log2 n + 1)) at powers of two', () => {
    // numpy: n = 1024, ptp = 3.1 gives 12 bins, ptp = 3.0 gives 11.
    expect(sturgesBinCount(1024, 3.1)).toBe(12);
    expect(sturgesBinCount(1024, 3.0)).toBe(11);
    expect(sturgesBinCount(1, 0)).toBe(1);
    expect(sturgesBinCount(1000, 0)).toBe(1);
  });

  it('raises where numpy raises', () => {
    expect(() => sturgesBinEdges([new Float64Array([1, Number.NaN])])).toThrow(RangeError);
    expect(() => sturgesBinEdges([new Float64Array([1, Number.POSITIVE_INFINITY])])).toThrow(RangeError);
    // 11 bins over a 4-ulp range cannot be strictly increasing (numpy: "Too many bins for data range").
    const tight = new Float64Array(1000).fill(1);
    tight[0] = 1 + 4 * Number.EPSILON;
    expect(() => sturgesBinEdges([tight])).toThrow(RangeError);
  });
});

describe('linspace', () => {
  it('follows numpy: i * step + start, last element = stop', () => {
    const y = linspace(0, 3.2, 9);
    expect(y[3]).toBe(3 * 0.4 + 0); // 1.2000000000000002, as numpy
    expect(y[8]).toBe(3.2);
    expect(Array.from(linspace(-1, 1, 2))).toEqual([-1, 1]);
  });
  it('handles a denormal step like numpy (gh-5437)', () => {
    const y = linspace(0, 5e-324, 3);
    expect(y[0]).toBe(0);
    expect(y[2]).toBe(5e-324);
  });
});
