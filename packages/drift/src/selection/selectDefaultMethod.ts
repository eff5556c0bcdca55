import type { DriftDefaults } from '@driftwatch/core';

/** What the default selection reads from a column. */
export interface ColumnEvidence {
  /** How the column is tested: numeric values, or categories (categorical and boolean columns). */
  readonly kind: 'numeric' | 'categorical';
  /** Reference rows (Evidently's n, missing values included). */
  readonly referenceRows: number;
  /**
   * Distinct values over both samples. Numeric columns: counting may stop above 5 (all Evidently's rules
   * need); `calibrated` reads up to 21 when n ≤ 1000.
   */
  readonly distinct: number;
  /**
   * Numeric columns with more than 20 distinct values: whether a value occurs more than once over both
   * samples. Read by `calibrated` when n ≤ 1000; absent counts as no ties.
   */
  readonly ties?: boolean;
  /**
   * Columns tested as categories: whether the 2 × k table of reference and current counts fails Cochran's
   * rule ({@link meetsCochranRule}). Read by `calibrated` when n ≤ 1000; absent counts as not sparse.
   */
  readonly sparse?: boolean;
}

/**
 * The method a column gets when none is named, with n = reference rows and u = distinct values over both
 * samples.
 *
 * `evidently` — Evidently's default stattest choice, exactly:
 * numeric, n ≤ 1000: `z` if u ≤ 2, `chisquare` if u ≤ 5, else `ks`;
 * numeric, n > 1000: `jensenshannon` if u ≤ 5, else `wasserstein`;
 * categorical: n ≤ 1000 → `z` (u ≤ 2) or `chisquare`; n > 1000 → `jensenshannon`.
 *
 * `calibrated` (default) — the same rules, with the small-sample tests replaced where Evidently's are not
 * calibrated (the benchmark behind `falseAlarmTable.json` measures each):
 * - where Evidently picks `chisquare` (a goodness-of-fit test that takes the reference's shares as exact;
 *   about five times α false alarms with equal sample sizes): the two-sample `chi2_contingency`, or
 *   `chi2_permutation` when the table is too sparse for the chi-squared approximation (`sparse`);
 * - where Evidently picks `ks` on data with ties (`ks_2samp`'s p-value assumes continuous data and is then
 *   conservative: about 1% instead of 5% on integer counts): up to 20 distinct values, the categorical test
 *   over the values (as Evidently does up to 5, and as its binning reads a column of up to 20 values value by
 *   value), since on so few values even a permutation KS is conservative at small sizes (3.5% at 50 rows of
 *   Poisson counts: D takes few values); beyond, `ks_permutation`.
 * Distances (n > 1000) and `z` are Evidently's.
 */
export function selectDefaultMethod(column: ColumnEvidence, defaults: DriftDefaults = 'calibrated'): string {
  const { kind, referenceRows: n, distinct } = column;
  const calibrated = defaults === 'calibrated';
  const categoricalTest = !calibrated ? 'chisquare' : column.sparse ? 'chi2_permutation' : 'chi2_contingency';
  if (n > 1000) return kind === 'categorical' || distinct <= 5 ? 'jensenshannon' : 'wasserstein';
  if (distinct <= 2) return 'z';
  if (kind === 'categorical' || distinct <= 5) return categoricalTest;
  if (!calibrated) return 'ks';
  if (distinct <= 20) return categoricalTest;
  return column.ties ? 'ks_permutation' : 'ks';
}

/**
 * Cochran's rule for the chi-squared approximation on the 2 × k table of present categories: every
 * expected count (row total × column total / N) is at least 1 and at most 20% of them are below 5.
 */
export function meetsCochranRule(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): boolean {
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    n1 += referenceCounts[i];
    n2 += currentCounts[i];
  }
  const total = n1 + n2;
  if (n1 === 0 || n2 === 0) return false;
  let cells = 0;
  let small = 0;
  for (let i = 0; i < referenceCounts.length; i++) {
    const t = referenceCounts[i] + currentCounts[i];
    if (t === 0) continue;
    for (const e of [(n1 * t) / total, (n2 * t) / total]) {
      cells++;
      if (e < 1) return false;
      if (e < 5) small++;
    }
  }
  return small <= 0.2 * cells;
}
