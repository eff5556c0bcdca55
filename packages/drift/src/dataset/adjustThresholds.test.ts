import { describe, expect, it } from 'vitest';
import { adjustThresholds } from './adjustThresholds.js';

const tests = (ps: number[], t = 0.05) => ps.map((pValue) => ({ pValue, threshold: t, rule: 'p<t' as const }));

describe('adjustThresholds', () => {
  it('none keeps thresholds and applies the rule', () => {
    expect(adjustThresholds(tests([0.01, 0.05, 0.2]), 'none')).toEqual([
      { threshold: 0.05, drifted: true },
      { threshold: 0.05, drifted: false },
      { threshold: 0.05, drifted: false },
    ]);
  });
  it('bonferroni divides by the number of tests', () => {
    const out = adjustThresholds(tests([0.01, 0.02, 0.2, 0.001]), 'bonferroni');
    expect(out.map((o) => o.threshold)).toEqual([0.0125, 0.0125, 0.0125, 0.0125]);
    expect(out.map((o) => o.drifted)).toEqual([true, false, false, true]);
  });
  it('fdr is Benjamini–Hochberg (step-up: a later rank can rescue earlier ones)', () => {
    // Sorted: 0.001 (crit .01), 0.012 (.02), 0.029 (.03), 0.039 (.04), 0.2 (.05): largest k with p ≤ crit is 4.
    const out = adjustThresholds(tests([0.039, 0.2, 0.001, 0.029, 0.012]), 'fdr');
    expect(out.map((o) => o.drifted)).toEqual([true, false, true, true, true]);
    expect(out[0].threshold).toBeCloseTo(0.04, 15);
    // Nothing rejected: every test is held to the smallest cut-off α/m.
    const none = adjustThresholds(tests([0.3, 0.2]), 'fdr');
    expect(none.map((o) => o.drifted)).toEqual([false, false]);
    expect(none[0].threshold).toBeCloseTo(0.025, 15);
  });
  it('handles no tests', () => {
    expect(adjustThresholds([], 'fdr')).toEqual([]);
  });
});
