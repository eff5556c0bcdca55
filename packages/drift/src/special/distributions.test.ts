import { describe, expect, it } from 'vitest';
import { chi2Sf, normSf, tTwoSided } from './distributions.js';

describe('distributions', () => {
  it('normSf matches scipy.stats.norm.sf', () => {
    expect(normSf(1.959963984540054)).toBeCloseTo(0.025, 14);
    // scipy.stats.norm.sf(10) = 7.61985302416047e-24
    expect(normSf(10) / 7.61985302416047e-24 - 1).toBeLessThan(1e-12);
  });
  it('chi2Sf matches scipy.stats.chi2.sf', () => {
    // scipy.stats.chi2.sf(3.841458820694124, 1) = 0.05
    expect(Math.abs(chi2Sf(3.841458820694124, 1) - 0.04999999999999989)).toBeLessThan(1e-14);
  });
  it('tTwoSided matches scipy.stats.t.sf * 2', () => {
    // 2 * scipy.stats.t.sf(2.0, 10) = 0.07338803477074037
    expect(Math.abs(tTwoSided(2.0, 10) / 0.07338803477074037 - 1)).toBeLessThan(1e-12);
  });
});
