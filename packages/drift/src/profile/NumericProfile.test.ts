import { Xoshiro128 } from '@driftwatch/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftMethods } from '../methods/driftMethods.js';
import { runDriftMethod } from '../methods/runDriftMethod.js';
import { NumericProfile, profileDistinctCap, profileSampleSize } from './NumericProfile.js';
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

  it("keeps the sample Vitter's algorithm L draws over the finite values, whether a batch has gaps or not", () => {
    // Long enough for many skips past the first k values; batches of 0-3 gaps (missing, infinite).
    const rows = 6 * profileSampleSize;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, batch, gaps) => {
          const values = Float64Array.from({ length: rows }, (_, i) => Math.sin(i * 0.37 + seed) * 100);
          for (let b = 0; b < rows; b += 2 * batch)
            for (let g = 0; g < gaps && b + g < rows; g++) values[b + g * 7] = g % 2 ? Number.NaN : Number.POSITIVE_INFINITY;
          const profile = new NumericProfile(seed);
          for (let i = 0; i < rows; i += batch) profile.scan(values.subarray(i, i + batch));
          // Algorithm L, value by value, with the profile's draws.
          const rng = new Xoshiro128(seed);
          const uniform = () => (rng.nextU32() + 0.5) / 4294967296;
          const k = profileSampleSize;
          const kept = new Float64Array(k);
          let w = Math.exp(Math.log(uniform()) / k);
          let next = k + Math.floor(Math.log(uniform()) / Math.log(1 - w));
          let seen = 0;
          for (const x of values) {
            if (!Number.isFinite(x)) continue;
            if (seen < k) kept[seen] = x;
            else if (seen === next) {
              kept[Math.floor(uniform() * k)] = x;
              w *= Math.exp(Math.log(uniform()) / k);
              next += Math.floor(Math.log(uniform()) / Math.log(1 - w)) + 1;
            }
            seen++;
          }
          // Fewer finite values than the sample holds where gaps are dense (batches of one value).
          expect(profile.sampled()).toEqual(kept.subarray(0, Math.min(seen, k)));
        },
      ),
      { numRuns: 25, examples: [[1710381143, 1, 3]] },
    );
  });

  it('counts each distinct value exactly, -0 as 0, until there are more than the cap', () => {
    // Whole numbers only (a narrow or a wide span, gaps, -0), or mixed with fractions.
    const whole = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -40, max: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(-0, Number.NaN, Number.NEGATIVE_INFINITY) },
    );
    // Within the span counted in an array, with up to ~1700 distinct values (over the cap, or not).
    const wide = fc.oneof({ weight: 1, arbitrary: whole }, { weight: 3, arbitrary: fc.integer({ min: -1500, max: 1500 }) });
    const wider = fc.oneof({ weight: 3, arbitrary: whole }, { weight: 2, arbitrary: fc.integer({ min: -6000, max: 6000 }) });
    const mixed = fc.oneof({ weight: 4, arbitrary: wider }, { weight: 1, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) });
    const data = fc.oneof(
      fc.array(whole, { minLength: 1, maxLength: 3000, size: 'max' }),
      fc.array(wide, { minLength: 1, maxLength: 3000, size: 'max' }),
      fc.array(wider, { minLength: 1, maxLength: 3000, size: 'max' }),
      fc.array(mixed, { minLength: 1, maxLength: 3000, size: 'max' }),
    );
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 700 }), (values, batch) => {
        const profile = new NumericProfile(1);
        const a = Float64Array.from(values);
        for (let i = 0; i < a.length; i += batch) profile.scan(a.subarray(i, i + batch));
        const expected = new Map<number, number>();
        for (const x of values) if (Number.isFinite(x)) expected.set(x === 0 ? 0 : x, (expected.get(x === 0 ? 0 : x) ?? 0) + 1);
        if (expected.size > profileDistinctCap) expect(profile.distinct).toBeNull();
        else {
          const seen = [...(profile.distinct as Map<number, number>)].sort((p, q) => p[0] - q[0]);
          expect(seen).toEqual([...expected].sort((p, q) => p[0] - q[0]));
          expect(seen.some(([x]) => Object.is(x, -0))).toBe(false);
        }
      }),
      // Arrays of thousands of values: shrinking one that fails would take minutes.
      { numRuns: 80, endOnFailure: true },
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
