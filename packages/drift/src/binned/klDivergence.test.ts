import { afterAll, describe, expect, it } from 'vitest';
import { binnedCases, identicalSamplesProperty, num, record, reportWorst, statisticOk } from './__fixtures__/binnedCategoricalFixture.js';
import { klDivergence, relEntr } from './klDivergence.js';

afterAll(reportWorst);

describe('klDivergence = scipy.stats.entropy(r, c) on filled shares', () => {
  it.each(binnedCases(true))('%s', (name, ref, cur, expected) => {
    const got = klDivergence(ref, cur);
    record('kl', got, num(expected.kl), name);
    expect(statisticOk(got, num(expected.kl))).toBe(true);
  });

  it('is 0 for identical samples and ignores row order', () => identicalSamplesProperty(klDivergence, true));

  it('normalises both arguments first, as scipy does', () => {
    const p = Float64Array.from([1, 2, 3]);
    const q = Float64Array.from([3, 2, 1]);
    const scaled = klDivergence(Float64Array.from([2, 4, 6]), Float64Array.from([0.3, 0.2, 0.1]));
    expect(Math.abs(klDivergence(p, q) - scaled)).toBeLessThan(1e-15);
    // scipy.stats.entropy([1, 2, 3], [3, 2, 1]) = 0.36620409622270306
    expect(Math.abs(klDivergence(p, q) / 0.36620409622270306 - 1)).toBeLessThan(1e-14);
  });

  it('rel_entr follows scipy on zeros and NaN', () => {
    expect(relEntr(0, 0)).toBe(0);
    expect(relEntr(0, 1)).toBe(0);
    expect(relEntr(1, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(relEntr(-1, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(relEntr(Number.NaN, 1)).toBeNaN();
    expect(klDivergence(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });
});
