import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, loadFixture } from './__fixtures__/binnedCategoricalFixture.js';
import { linspace, sturgesBinEdges } from './histogramBinEdges.js';
import { histogramCounts } from './histogramCounts.js';

const fixture = loadFixture();

/** np.histogram's searchsorted semantics, written the slow obvious way. */
function bruteCounts(values: Float64Array, edges: Float64Array): number[] {
  const n = edges.length - 1;
  const out = new Array<number>(n).fill(0);
  for (const x of values) {
    if (!(x >= edges[0] && x <= edges[n])) continue;
    let i = 0;
    while (i < n - 1 && x >= edges[i + 1]) i++;
    out[i]++;
  }
  return out;
}

describe('histogramCounts = np.histogram(values, edges)[0]', () => {
  it.each(fixture.numeric.filter((c) => c.mode === 'histogram').map((c) => [c.name, c] as const))('%s: identical counts', (_n, c) => {
    const edges = Float64Array.from(c.edges ?? []);
    expect(Array.from(histogramCounts(build(c.reference), edges))).toEqual(c.referenceCounts);
    expect(Array.from(histogramCounts(build(c.current), edges))).toEqual(c.currentCounts);
  });

  it.each(fixture.sturges.filter((c) => c.counts).map((c) => [c.name, c] as const))('%s: identical counts', (_n, c) => {
    const x = build(c.data);
    expect(Array.from(histogramCounts(x, sturgesBinEdges([x])))).toEqual(c.counts);
  });

  it('puts edge values in the upper bin, the last edge in the last bin, and drops values outside', () => {
    const edges = linspace(0, 3.2, 9);
    const x = Float64Array.from([0, 0.4, 0.8, 1.2, 1.2000000000000002, 3.2, -0.1, 3.3, Number.NaN]);
    // 1.2 < 3 * 0.4 = 1.2000000000000002, so it stays in bin 2.
    expect(Array.from(histogramCounts(x, edges))).toEqual([1, 1, 2, 1, 0, 0, 0, 1]);
  });

  it('matches the searchsorted definition on equal-width edges, edge values included', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }),
        (lo, width, nBins, us) => {
          const edges = linspace(lo, lo + width, nBins + 1);
          const values = Float64Array.from(us.map((u, i) => (i % 3 === 0 ? edges[Math.floor(u * nBins)] : lo + u * width)));
          expect(Array.from(histogramCounts(values, edges))).toEqual(bruteCounts(values, edges));
        },
      ),
    );
  });

  it('falls back to binary search on non-uniform edges', () => {
    const edges = Float64Array.from([0, 1e-6, 2e-6, 1, 1000]);
    const x = Float64Array.from([0, 5e-7, 1e-6, 0.5, 1, 999, 1000, 1e-300]);
    expect(Array.from(histogramCounts(x, edges))).toEqual(bruteCounts(x, edges));
  });
});
