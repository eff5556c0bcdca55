import { categoryCounts } from '../binned/binnedShares.js';
import { type CategoricalTestResult, powerDivergence } from './chiSquare.js';

/**
 * G-test (log-likelihood ratio): `scipy.stats.power_divergence(f_obs=current_counts,
 * f_exp=reference_counts * (n_cur / n_ref), lambda_='log-likelihood')`, statistic Σ 2·xlogy(o, o/e) with
 * xlogy's 0·log(0/e) = 0, p from chi-squared with k - 1 degrees of freedom. Unseen-in-reference categories
 * give +Infinity and p = 0; k = 1 gives statistic 0, p = 1 and an empty side NaN, as for {@link chiSquare}.
 */
export function gTest(reference: Int32Array, current: Int32Array, nCategories: number): CategoricalTestResult {
  return gTestCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories));
}

/** {@link gTest} from per-category counts. */
export function gTestCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): CategoricalTestResult {
  return powerDivergence(referenceCounts, currentCounts, 'log-likelihood');
}
