import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCodes,
  loadFixture,
  num,
  pValueOk,
  record,
  reportWorst,
  statisticOk,
} from '../binned/__fixtures__/binnedCategoricalFixture.js';
import { gTest, gTestCounts } from './gTest.js';

afterAll(reportWorst);
const fixture = loadFixture();

describe("gTest = scipy.stats.power_divergence(..., lambda_='log-likelihood')", () => {
  it.each(fixture.categorical.filter((c) => c.k > 1).map((c) => [c.name, c] as const))('%s', (name, c) => {
    const r = gTest(buildCodes(c.reference), buildCodes(c.current), c.nCategories);
    const [stat, p] = c.gTest.map(num);
    record('gTest.statistic', r.statistic, stat, name);
    record('gTest.pValue', r.pValue, p, name);
    expect(statisticOk(r.statistic, stat)).toBe(true);
    expect(pValueOk(r.pValue, p)).toBe(true);
  });

  it('uses xlogy: an empty current category adds 0, an unseen reference category gives Infinity', () => {
    // scipy.stats.power_divergence([0, 5], [1.0, 4.0], lambda_='log-likelihood') = (2.2314355131420975, 0.13522815768706553)
    const r = gTestCounts([1, 4], [0, 5]);
    expect(Math.abs(r.statistic / 2.2314355131420975 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(r.pValue / 0.13522815768706553 - 1)).toBeLessThan(1e-12);
    expect(gTestCounts([5, 0], [3, 2])).toEqual({ statistic: Number.POSITIVE_INFINITY, pValue: 0, df: 1 });
    expect(gTestCounts([4], [7])).toEqual({ statistic: 0, pValue: 1, df: 0 });
  });

  it('identical samples give p = 1', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }), (xs) => {
        const a = Int32Array.from(xs);
        expect(gTest(a, a.slice().reverse(), 6).pValue).toBe(1);
      }),
    );
  });
});
