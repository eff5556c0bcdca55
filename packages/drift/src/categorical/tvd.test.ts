import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  identicalSamplesProperty,
  loadFixture,
  num,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { tvd, tvdCounts } from './tvd.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe('tvd: 0.5·Σ|r − c| with a seeded permutation p-value', () => {
  it.each(fixture.categorical.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const ref = buildCodes(c.reference);
    const cur = buildCodes(c.current);
    // The statistic alone is cheap; the permutation p-value is checked against the Python port below.
    const r = tvd(ref, cur, c.nCategories, { permutations: 0 });
    record('tvd.statistic', r.statistic, num(c.tvd), name);
    expect(statisticOk(r.statistic, num(c.tvd))).toBe(true);
  });

  it.each(fixture.categorical.filter((c) => c.tvdPValue !== undefined).map((c) => [c.name, c] as const))(
    '%s: p-value identical to the Python port of the same permutations',
    (_n, c) => {
      expect(tvd(buildCodes(c.reference), buildCodes(c.current), c.nCategories).pValue).toBe(c.tvdPValue);
    },
  );

  it('statistic is 0 for identical samples and ignores row order', () =>
    identicalSamplesProperty((r, c) => tvdCounts(r, c, { permutations: 0 }).statistic, false));

  it('identical samples give p = 1; p does not depend on row order', () => {
    const codes = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(codes, codes, fc.nat(), (r, c, seed) => {
        const a = Int32Array.from(r);
        expect(tvd(a, a.slice().reverse(), 5, { permutations: 50, seed }).pValue).toBe(1);
        const b = Int32Array.from(c);
        const p = tvd(a, b, 5, { permutations: 50, seed });
        expect(tvd(a.slice().sort(), b.slice().reverse(), 5, { permutations: 50, seed })).toEqual(p);
      }),
      { numRuns: 50 },
    );
  });

  it('both samplers draw the same permutation law', () => {
    // Near-null 4-category data: p-values from 4000 permutations each agree within Monte Carlo error.
    const ref = Int32Array.from({ length: 3000 }, (_, i) => (i * 7) % 4);
    const cur = Int32Array.from({ length: 2000 }, (_, i) => ((i * 7) % 4 === 3 && i % 23 === 0 ? 2 : (i * 7) % 4));
    const a = tvd(ref, cur, 4, { permutations: 4000, sampler: 'shuffle' });
    const b = tvd(ref, cur, 4, { permutations: 4000, sampler: 'counts' });
    expect(a.statistic).toBe(b.statistic);
    expect(a.pValue).toBeGreaterThan(0.02);
    expect(a.pValue).toBeLessThan(0.98);
    const se = Math.sqrt((2 * a.pValue * (1 - a.pValue)) / 4000);
    expect(Math.abs(a.pValue - b.pValue)).toBeLessThan(4 * se);
  });

  it('p-value is a valid permutation p-value', () => {
    const r = tvd(Int32Array.from([0, 0, 0, 1]), Int32Array.from([1, 1, 1, 0]), 2, { permutations: 99 });
    expect(r.statistic).toBe(0.5);
    expect(r.pValue * 100).toBe(Math.round(r.pValue * 100));
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(tvd(new Int32Array(0), Int32Array.from([1]), 2).pValue).toBeNaN();
  });
});
