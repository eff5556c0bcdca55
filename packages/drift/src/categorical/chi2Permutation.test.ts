import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCodes, record, reportWorst, statisticOk } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { loadPermutationFixture, withinMonteCarloError } from './__fixtures__/permutationFixture.js';
import { chi2ContingencyCounts } from './chi2Contingency.js';
import { chi2Permutation, chi2PermutationCounts } from './chi2Permutation.js';

afterAll(reportWorst);
const fixture = loadPermutationFixture();

describe('chi2Permutation = chi2_contingency(correction=False, method=PermutationMethod) with seeded draws', () => {
  it.each(fixture.chi2.map((c) => [c.name, c] as const))('%s: scipy statistic, p identical to the Python twin', (name, c) => {
    const r = chi2Permutation(buildCodes(c.reference), buildCodes(c.current), c.nCategories);
    record('chi2Permutation.statistic', r.statistic, c.statistic, name);
    expect(statisticOk(r.statistic, c.statistic)).toBe(true);
    expect(r.pValue).toBe(c.pValue);
    if (c.scipyPermutation) expect(withinMonteCarloError(r.pValue, 1000, c.scipyPermutation)).toBe(true);
  });

  it.each(fixture.chi2Counts.map((c) => [c.name, c] as const))('counts: %s', (name, c) => {
    const r = chi2PermutationCounts(c.referenceCounts, c.currentCounts, { seed: c.seed });
    record('chi2Permutation.statistic', r.statistic, c.statistic, name);
    expect(statisticOk(r.statistic, c.statistic)).toBe(true);
    expect(r.pValue).toBe(c.pValue);
    if (c.scipyPermutation) expect(withinMonteCarloError(r.pValue, 1000, c.scipyPermutation)).toBe(true);
  });

  it("its statistic is chi2_contingency's without Yates' correction", () => {
    // At k > 2 no correction applies: the two statistics are one.
    const ref = [12, 7, 0, 3, 9];
    const cur = [4, 9, 2, 3, 11];
    expect(chi2PermutationCounts(ref, cur, { permutations: 0 }).statistic).toBe(chi2ContingencyCounts(ref, cur).statistic);
  });

  it('both samplers draw the same permutation law', () => {
    const ref = [300, 200, 150, 100, 50];
    const cur = [310, 180, 160, 95, 55];
    const a = chi2PermutationCounts(ref, cur, { permutations: 4000, sampler: 'shuffle' });
    const b = chi2PermutationCounts(ref, cur, { permutations: 4000, sampler: 'counts' });
    expect(a.statistic).toBe(b.statistic);
    expect(withinMonteCarloError(a.pValue, 4000, { resamples: 4000, pValue: b.pValue })).toBe(true);
  });

  it('identical samples give p = 1; neither row order nor the side of each count matters to the statistic', () => {
    const codes = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(codes, codes, fc.nat(), (r, c, seed) => {
        const a = Int32Array.from(r);
        expect(chi2Permutation(a, a.slice().reverse(), 5, { permutations: 50, seed }).pValue).toBe(1);
        const b = Int32Array.from(c);
        const p = chi2Permutation(a, b, 5, { permutations: 50, seed });
        expect(chi2Permutation(a.slice().sort(), b.slice().reverse(), 5, { permutations: 50, seed })).toEqual(p);
        const swapped = chi2Permutation(b, a, 5, { permutations: 0 });
        if (!Number.isNaN(p.statistic))
          expect(Math.abs(swapped.statistic - p.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, p.statistic));
      }),
      { numRuns: 50 },
    );
  });

  it('an empty side gives NaN', () => {
    expect(chi2PermutationCounts([0, 0], [1, 2]).pValue).toBeNaN();
  });
});
