import { tTwoSided } from '../special/distributions.js';
import { pairwiseSum, pairwiseSumSquaredDeviations } from '../special/numpySum.js';

/** Result of {@link welchTTest}; field-for-field scipy's `TtestResult` (statistic, pvalue, df). */
export interface WelchTTestResult {
  /** t statistic, (mean(a) - mean(b)) / sqrt(var(a)/n1 + var(b)/n2). */
  statistic: number;
  /** Two-sided p-value from Student's t with `df` degrees of freedom. */
  pValue: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
}

/**
 * Welch's unequal-variance two-sample t-test; reproduces
 * `scipy.stats.ttest_ind(a, b, equal_var=False)` (two-sided, scipy 1.17.1).
 *
 * Means and variances follow scipy's `_var`/`_moment` operation by operation
 * (numpy pairwise sums, `mean((x - m)**2) * (n / (n - 1))`), so statistic and
 * df are bit-identical to scipy's for the same doubles.
 *
 * Preconditions: no NaN in `a` or `b` (remove them first); values finite.
 * Degenerate input returns what scipy returns instead of throwing:
 * - an empty side: all fields NaN;
 * - a side with one observation: statistic and pValue NaN, df 1;
 * - both sides constant: df 1 and statistic ±Infinity (pValue 0) when the
 *   means differ, NaN (pValue NaN) when they are equal.
 *
 * O(n) time, no allocation.
 */
export function welchTTest(a: Float64Array, b: Float64Array): WelchTTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN, df: Number.NaN };

  const m1 = pairwiseSum(a, 0, n1) / n1;
  const m2 = pairwiseSum(b, 0, n2) / n2;
  // scipy: _moment(x, 2) * (n / (n - ddof)); n = 1 gives 0 * Infinity = NaN as in numpy.
  const v1 = (pairwiseSumSquaredDeviations(a, 0, n1, m1) / n1) * (n1 / (n1 - 1));
  const v2 = (pairwiseSumSquaredDeviations(b, 0, n2, m2) / n2) * (n2 / (n2 - 1));

  const vn1 = v1 / n1;
  const vn2 = v2 / n2;
  const s = vn1 + vn2;
  let df = (s * s) / ((vn1 * vn1) / (n1 - 1) + (vn2 * vn2) / (n2 - 1));
  // scipy: an undefined df only happens with zero variances, where it is set to 1.
  if (Number.isNaN(df)) df = 1;
  const denom = Math.sqrt(s);
  const statistic = (m1 - m2) / denom;
  return { statistic, pValue: tTwoSided(statistic, df), df };
}
