import { categoryCounts } from '../binned/binnedShares.js';
import { contingencyTest } from './chi2Contingency.js';
import type { CategoricalTestResult } from './chiSquare.js';

/**
 * Two-sample G-test (log-likelihood ratio test of homogeneity) on the 2 × k table of reference and current
 * counts: `scipy.stats.chi2_contingency([reference_counts, current_counts], lambda_='log-likelihood')`,
 * statistic Σ 2·xlogy(o, o/e) over both rows with e = row · column / N, Yates' correction when k = 2,
 * p from chi-squared with k - 1 degrees of freedom. The two-sample counterpart of `g_test`, as
 * `chi2_contingency` is of `chisquare`; same handling of absent categories, one category and empty sides.
 */
export function gContingency(reference: Int32Array, current: Int32Array, nCategories: number): CategoricalTestResult {
  return gContingencyCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories));
}

/** {@link gContingency} from per-category counts. */
export function gContingencyCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): CategoricalTestResult {
  return contingencyTest(referenceCounts, currentCounts, 'log-likelihood');
}
