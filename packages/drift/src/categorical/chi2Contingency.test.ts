import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCodes, num, pValueOk, record, reportWorst, statisticOk } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { loadContingencyFixture } from './__fixtures__/contingencyFixture.js';
import { chi2Contingency, chi2ContingencyCounts } from './chi2Contingency.js';
import { chiSquareCounts } from './chiSquare.js';

afterAll(reportWorst);
const fixture = loadContingencyFixture();

describe('chi2Contingency = scipy.stats.chi2_contingency([reference_counts, current_counts])', () => {
  it.each(fixture.samples.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = chi2Contingency(buildCodes(c.reference), buildCodes(c.current), c.nCategories);
    const [stat, p, df] = c.chi2Contingency;
    record('chi2Contingency.statistic', r.statistic, num(stat), name);
    record('chi2Contingency.pValue', r.pValue, num(p), name);
    expect(statisticOk(r.statistic, num(stat))).toBe(true);
    expect(pValueOk(r.pValue, num(p))).toBe(true);
    expect(r.df).toBe(df);
  });

  it.each(fixture.counts.map((c) => [c.name, c] as const))('counts: %s', (name, c) => {
    const r = chi2ContingencyCounts(c.referenceCounts, c.currentCounts);
    const [stat, p, df] = c.chi2Contingency;
    record('chi2Contingency.statistic', r.statistic, num(stat), name);
    record('chi2Contingency.pValue', r.pValue, num(p), name);
    expect(statisticOk(r.statistic, num(stat))).toBe(true);
    expect(pValueOk(r.pValue, num(p))).toBe(true);
    expect(r.df).toBe(df);
  });

  it.each(['2x2', '2x3'] as const)('every %s table with small cells (Yates at one degree of freedom)', (shape) => {
    const { rows } = fixture.exhaustive[shape];
    const k = shape === '2x2' ? 2 : 3;
    expect(rows.length).toBeGreaterThan(2000);
    for (const row of rows) {
      const r = chi2ContingencyCounts(row.slice(0, k), row.slice(k, 2 * k));
      const where = `${shape} ${row.slice(0, 2 * k).join(',')}`;
      record('chi2Contingency.statistic', r.statistic, row[2 * k], where);
      record('chi2Contingency.pValue', r.pValue, row[2 * k + 1], where);
      if (!statisticOk(r.statistic, row[2 * k]) || !pValueOk(r.pValue, row[2 * k + 1])) {
        expect.fail(`${where}: got ${r.statistic}, ${r.pValue}; scipy ${row[2 * k]}, ${row[2 * k + 1]}`);
      }
    }
  });

  it('an empty side gives NaN (scipy raises on zero expected counts)', () => {
    const r = chi2ContingencyCounts([0, 0], [3, 4]);
    expect(r.statistic).toBeNaN();
    expect(r.pValue).toBeNaN();
  });

  it('a category unseen in the reference is finite, unlike chisquare', () => {
    expect(chiSquareCounts([5, 0, 5], [3, 2, 5]).statistic).toBe(Number.POSITIVE_INFINITY);
    const r = chi2ContingencyCounts([5, 0, 5], [3, 2, 5]);
    expect(Number.isFinite(r.statistic)).toBe(true);
    expect(r.pValue).toBeGreaterThan(0);
  });

  it('swapping reference and current changes nothing (the test is symmetric)', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        const n = Math.min(a.length, b.length);
        const r = a.slice(0, n);
        const c = b.slice(0, n);
        const x = chi2ContingencyCounts(r, c);
        const y = chi2ContingencyCounts(c, r);
        if (Number.isNaN(x.statistic)) expect(y.statistic).toBeNaN();
        else {
          expect(Math.abs(y.statistic - x.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, x.statistic));
          expect(y.df).toBe(x.df);
        }
      }),
    );
  });

  it('identical samples give statistic 0 and p = 1, whatever the row order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const a = Int32Array.from(xs);
        const r = chi2Contingency(a, a.slice().reverse(), 6);
        expect(r.statistic).toBe(0);
        expect(r.pValue).toBe(1);
      }),
    );
  });

  it('proportional samples of different sizes give statistic 0 (k > 2)', () => {
    expect(chi2ContingencyCounts([4, 3, 2, 1], [40, 30, 20, 10])).toEqual({ statistic: 0, pValue: 1, df: 3 });
  });
});
