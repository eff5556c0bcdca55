import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCodes, num, pValueOk, record, reportWorst, statisticOk } from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { loadContingencyFixture } from './__fixtures__/contingencyFixture.js';
import { gContingency, gContingencyCounts } from './gContingency.js';

afterAll(reportWorst);
const fixture = loadContingencyFixture();

describe("gContingency = scipy.stats.chi2_contingency(table, lambda_='log-likelihood')", () => {
  it.each(fixture.samples.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = gContingency(buildCodes(c.reference), buildCodes(c.current), c.nCategories);
    const [stat, p, df] = c.gContingency;
    record('gContingency.statistic', r.statistic, num(stat), name);
    record('gContingency.pValue', r.pValue, num(p), name);
    expect(statisticOk(r.statistic, num(stat))).toBe(true);
    expect(pValueOk(r.pValue, num(p))).toBe(true);
    expect(r.df).toBe(df);
  });

  it.each(fixture.counts.map((c) => [c.name, c] as const))('counts: %s', (name, c) => {
    const r = gContingencyCounts(c.referenceCounts, c.currentCounts);
    const [stat, p, df] = c.gContingency;
    record('gContingency.statistic', r.statistic, num(stat), name);
    record('gContingency.pValue', r.pValue, num(p), name);
    expect(statisticOk(r.statistic, num(stat))).toBe(true);
    expect(pValueOk(r.pValue, num(p))).toBe(true);
    expect(r.df).toBe(df);
  });

  it.each(['2x2', '2x3'] as const)('every %s table with small cells (xlogy of zero cells, Yates at one degree of freedom)', (shape) => {
    const { rows } = fixture.exhaustive[shape];
    const k = shape === '2x2' ? 2 : 3;
    for (const row of rows) {
      const r = gContingencyCounts(row.slice(0, k), row.slice(k, 2 * k));
      const where = `${shape} ${row.slice(0, 2 * k).join(',')}`;
      record('gContingency.statistic', r.statistic, row[2 * k + 2], where);
      record('gContingency.pValue', r.pValue, row[2 * k + 3], where);
      if (!statisticOk(r.statistic, row[2 * k + 2]) || !pValueOk(r.pValue, row[2 * k + 3])) {
        expect.fail(`${where}: got ${r.statistic}, ${r.pValue}; scipy ${row[2 * k + 2]}, ${row[2 * k + 3]}`);
      }
    }
  });

  it('an empty side gives NaN', () => {
    expect(gContingencyCounts([2, 5], [0, 0]).pValue).toBeNaN();
  });

  it('is finite for categories seen on one side only, and symmetric in the two samples', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 10 });
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = gContingencyCounts(a.slice(0, n), b.slice(0, n));
        const y = gContingencyCounts(b.slice(0, n), a.slice(0, n));
        if (Number.isNaN(x.statistic)) return;
        expect(Number.isFinite(x.statistic)).toBe(true);
        expect(Math.abs(y.statistic - x.statistic)).toBeLessThanOrEqual(1e-12 * Math.max(1, x.statistic));
      }),
    );
  });
});
