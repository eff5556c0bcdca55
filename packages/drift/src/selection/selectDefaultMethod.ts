import type { DriftDefaults } from '@driftwatch/core';

/**
 * The method a column gets when none is named. `n` is the number of reference rows, `distinct` the number
 * of distinct values over both samples.
 *
 * `evidently` — Evidently's default stattest choice, exactly:
 * numeric, n ≤ 1000: `chisquare` if 2 < u ≤ 5, `z` if u ≤ 2, else `ks`;
 * numeric, n > 1000: `jensenshannon` if u ≤ 5, else `wasserstein`;
 * categorical: n ≤ 1000 → `chisquare` (u > 2) or `z`; n > 1000 → `jensenshannon`.
 *
 * `calibrated` (default) — the same, with `chi2_contingency` wherever Evidently picks `chisquare`: the
 * goodness-of-fit test takes the reference's proportions as exact, so under no drift it flags about
 * five times α of the columns when both samples have the same size; the two-sample test of homogeneity
 * flags α (see the calibration table in `falseAlarmTable.json`).
 */
export function selectDefaultMethod(
  kind: 'numeric' | 'categorical',
  n: number,
  distinct: number,
  defaults: DriftDefaults = 'calibrated',
): string {
  const categoricalTest = defaults === 'evidently' ? 'chisquare' : 'chi2_contingency';
  if (kind === 'numeric') {
    if (n <= 1000) {
      if (distinct <= 2) return 'z';
      if (distinct <= 5) return categoricalTest;
      return 'ks';
    }
    return distinct <= 5 ? 'jensenshannon' : 'wasserstein';
  }
  if (n <= 1000) return distinct > 2 ? categoricalTest : 'z';
  return 'jensenshannon';
}
