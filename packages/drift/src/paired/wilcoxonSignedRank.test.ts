import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from './wilcoxonSignedRank.js';

interface Fixture {
  cases: { tag: string; d: number[]; method: 'exact' | 'asymptotic'; statistic: number; pvalue: number }[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/wilcoxon.json', import.meta.url), 'utf8')) as Fixture;

describe('wilcoxonSignedRank vs scipy.stats.wilcoxon (scripts/reference/gen_wilcoxon.py)', () => {
  it('has exact and asymptotic cases', () => {
    expect(new Set(fixture.cases.map((c) => c.method))).toEqual(new Set(['exact', 'asymptotic']));
  });
  for (const c of fixture.cases) {
    it(c.tag, () => {
      const out = wilcoxonSignedRank(c.d);
      expect(out.method).toBe(c.method);
      expect(out.statistic).toBeCloseTo(c.statistic, 9);
      expect(Math.abs(out.pValue - c.pvalue)).toBeLessThanOrEqual(Math.max(1e-12, 1e-6 * c.pvalue));
    });
  }
  it('gives NaN when every difference is zero, and ignores the sign of the whole sample', () => {
    expect(Number.isNaN(wilcoxonSignedRank([0, 0, 0]).pValue)).toBe(true);
    const d = [0.3, -0.1, 0.7, 0.2, -0.5, 0.9];
    expect(wilcoxonSignedRank(d).pValue).toBeCloseTo(wilcoxonSignedRank(d.map((v) => -v)).pValue, 12);
  });
});
