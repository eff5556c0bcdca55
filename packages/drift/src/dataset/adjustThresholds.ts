import type { MultipleTestingCorrection } from '@driftwatch/core';
import { type DriftRule, isDrift } from '../methods/DriftMethod.js';

/** One p-value test of the dataset, before correction. */
export interface PValueTest {
  readonly pValue: number;
  readonly threshold: number;
  readonly rule: DriftRule;
}

/** The corrected threshold and verdict of each test, in input order. */
export interface AdjustedTest {
  readonly threshold: number;
  readonly drifted: boolean;
}

/**
 * Multiple-testing correction over the p-value columns of one dataset.
 * `bonferroni` divides each threshold by m; `fdr` is Benjamini–Hochberg: with
 * p-values ranked ascending, the largest rank k with p₍ₖ₎ ≤ k·α₍ₖ₎/m and every
 * rank up to it are rejected, and each test reports the cut-off k·α/m it was
 * held to (α/m when nothing is rejected).
 */
export function adjustThresholds(tests: readonly PValueTest[], correction: MultipleTestingCorrection): AdjustedTest[] {
  const m = tests.length;
  if (correction === 'none' || m === 0) {
    return tests.map((t) => ({ threshold: t.threshold, drifted: isDrift(t.rule, t.pValue, t.threshold) }));
  }
  if (correction === 'bonferroni') {
    return tests.map((t) => {
      const threshold = t.threshold / m;
      return { threshold, drifted: isDrift(t.rule, t.pValue, threshold) };
    });
  }
  const order = tests.map((_, i) => i).sort((a, b) => tests[a].pValue - tests[b].pValue);
  let k = 0;
  for (let r = 1; r <= m; r++) {
    const t = tests[order[r - 1]];
    if (t.pValue <= (r * t.threshold) / m) k = r;
  }
  const out = new Array<AdjustedTest>(m);
  for (let r = 1; r <= m; r++) {
    const i = order[r - 1];
    const t = tests[i];
    out[i] = { threshold: ((k === 0 ? 1 : k) * t.threshold) / m, drifted: r <= k };
  }
  return out;
}
