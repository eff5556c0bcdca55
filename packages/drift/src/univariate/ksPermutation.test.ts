import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { build, record, reportWorst, statisticOk } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { loadPermutationFixture, withinMonteCarloError } from '../categorical/__fixtures__/permutationFixture.js';
import { ks2samp } from './ks2samp.js';
import { ksPermutation } from './ksPermutation.js';

afterAll(reportWorst);
const fixture = loadPermutationFixture();

describe('ksPermutation: ks_2samp statistic, permutation p-value exact with ties', () => {
  it.each(fixture.ks.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = ksPermutation(build(c.reference), build(c.current), { seed: c.seed });
    record('ksPermutation.statistic', r.statistic, c.statistic, name);
    expect(statisticOk(r.statistic, c.statistic)).toBe(true);
    expect(r.distinct).toBe(c.distinct);
    expect(r.pValue).toBe(c.pValue);
    if (c.scipyPermutation) expect(withinMonteCarloError(r.pValue, 1000, c.scipyPermutation)).toBe(true);
  });

  it("has ks2samp's statistic, bit for bit", () => {
    const values = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(values, values, (r, c) => {
        const a = Float64Array.from(r, (v) => v / 4);
        const b = Float64Array.from(c, (v) => v / 4);
        expect(ksPermutation(a, b, { permutations: 0 }).statistic).toBe(ks2samp(a, b).statistic);
      }),
    );
  });

  it('identical samples give p = 1; row order changes nothing', () => {
    const values = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(values, values, fc.nat(), (r, c, seed) => {
        const a = Float64Array.from(r);
        expect(ksPermutation(a, a.slice().reverse(), { permutations: 50, seed }).pValue).toBe(1);
        const b = Float64Array.from(c);
        const p = ksPermutation(a, b, { permutations: 50, seed });
        expect(ksPermutation(a.slice().sort(), b.slice().reverse(), { permutations: 50, seed })).toEqual(p);
      }),
      { numRuns: 50 },
    );
  });

  it('an empty side gives NaN', () => {
    expect(ksPermutation(new Float64Array(0), Float64Array.of(1)).pValue).toBeNaN();
  });
});
