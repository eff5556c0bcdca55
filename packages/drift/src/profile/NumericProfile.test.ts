import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftMethods } from '../methods/driftMethods.js';
import { runDriftMethod } from '../methods/runDriftMethod.js';
import { NumericProfile } from './NumericProfile.js';
import { planProfileBins } from './planProfileBins.js';
import { profileDrift } from './profileDrift.js';

const sample = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), {
  minLength: 1,
  maxLength: 400,
});

function profiled(reference: number[], current: number[], batch: number): [NumericProfile, NumericProfile] {
  const r = new NumericProfile(1);
  const c = new NumericProfile(2);
  const feed = (values: number[], f: (b: Float64Array) => void) => {
    const a = Float64Array.from(values);
    for (let i = 0; i < a.length; i += batch) f(a.subarray(i, i + batch));
  };
  feed(reference, (b) => r.scan(b));
  feed(current, (b) => c.scan(b));
  planProfileBins(r, c);
  feed(reference, (b) => r.count(b));
  feed(current, (b) => c.count(b));
  return [r, c];
}

describe('NumericProfile properties', () => {
  it('the binned methods equal the in-memory ones and KS and Wasserstein lie within their bounds, whatever the data and batch size', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 1, max: 500 }), (reference, current, batch) => {
        const [r, c] = profiled(reference, current, batch);
        for (const m of driftMethods.filter((d) => ['psi', 'kl_div', 'jensenshannon', 'hellinger', 'ks', 'wasserstein'].includes(d.name))) {
          const exact = runDriftMethod(
            m,
            { kind: 'numeric', values: Float64Array.from(reference) },
            { kind: 'numeric', values: Float64Array.from(current) },
          );
          if (exact.skipped !== undefined) continue;
          const out = profileDrift(m, r, c);
          if (out.path === 'histogram') expect(out.statistic, m.name).toBe(exact.statistic);
          else {
            const bound = out.bound?.statistic ?? Number.NaN;
            expect(Math.abs(out.statistic - (exact.statistic as number)), m.name).toBeLessThanOrEqual(bound + 1e-9 * Math.max(1, bound));
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts each value in its cell or on its edge, as a count of the edges below it says', () => {
    // Missing and infinite values among them, which are not counted.
    const withGaps = fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })) },
        { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
      ),
      { minLength: 1, maxLength: 400 },
    );
    fc.assert(
      fc.property(
        withGaps.filter((a) => a.some(Number.isFinite)),
        sample,
        fc.integer({ min: 1, max: 500 }),
        (reference, current, batch) => {
          const [r] = profiled(reference, current, batch);
          const edges = r.cdfEdges as Float64Array;
          const cells = new Float64Array(edges.length + 1);
          const onEdge = new Float64Array(edges.length);
          for (const x of reference) {
            if (!Number.isFinite(x)) continue;
            const below = edges.filter((e) => e < x).length;
            if (edges[below] === x) onEdge[below]++;
            else cells[below]++;
          }
          expect(r.cdfCounts).toEqual(cells);
          expect(r.edgeCounts).toEqual(onEdge);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the order of the rows changes no count', () => {
    fc.assert(
      fc.property(sample, sample, (reference, current) => {
        const [a] = profiled(reference, current, 7);
        const [b] = profiled([...reference].reverse(), current, 7);
        expect(b.cdfCounts).toEqual(a.cdfCounts);
        expect(b.edgeCounts).toEqual(a.edgeCounts);
        expect(b.sturgesCounts).toEqual(a.sturgesCounts);
        expect([b.n, b.min, b.max]).toEqual([a.n, a.min, a.max]);
      }),
      { numRuns: 40 },
    );
  });
});
