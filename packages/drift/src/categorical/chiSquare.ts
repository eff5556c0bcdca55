import { categoryCounts } from '../binned/binnedShares.js';
import { chi2Sf } from '../special/distributions.js';
import { pairwiseSum } from '../special/numpySum.js';
import { countTotals } from './countTotals.js';

export interface CategoricalTestResult {
  statistic: number;
  pValue: number;
  /** Degrees of freedom: categories present in either sample minus one. */
  df: number;
}

/**
 * Evidently's `chisquare` stattest: `scipy.stats.chisquare(f_obs=current_counts, f_exp=reference_counts *
 * (n_cur / n_ref))` over the categories present in either sample; p from the chi-squared upper tail with
 * k - 1 degrees of freedom.
 *
 * - A category seen in the current sample but not in the reference has expected count 0: the statistic is
 *   +Infinity and p = 0, as scipy returns (with a divide-by-zero warning).
 * - scipy's sum check (|Σobs - Σexp| / min <= sqrt(eps)) always passes here: Σexp = n_ref·(n_cur/n_ref)
 *   equals n_cur up to a few ulps, so it is not reproduced.
 * - One category present in total (k = 1): scipy uses df = 0, whose `chdtrc` gives NaN for a zero
 *   statistic and 0 for any rounding residue (e.g. 1.6e-31), i.e. a spurious "drift". Both samples then
 *   share the same single value, so this returns statistic 0, p = 1 (Evidently's own rule for the z-test).
 * - An empty side gives NaN fields.
 */
export function chiSquare(reference: Int32Array, current: Int32Array, nCategories: number): CategoricalTestResult {
  return chiSquareCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories));
}

/** {@link chiSquare} from per-category counts (same index = same category; all-zero categories are skipped). */
export function chiSquareCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): CategoricalTestResult {
  return powerDivergence(referenceCounts, currentCounts, 'pearson');
}

/**
 * Shared body of the Pearson and log-likelihood tests: expected = reference_count * (n_cur / n_ref) as
 * Evidently builds it, terms as in scipy's `_power_divergence`, numpy pairwise sum, `chdtrc(k - 1, stat)`.
 */
export function powerDivergence(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  lambda: 'pearson' | 'log-likelihood',
): CategoricalTestResult {
  const { n, nRef, nCur, k, degenerate } = countTotals(referenceCounts, currentCounts);
  if (degenerate) return degenerate;
  const kNorm = nCur / nRef;
  const terms = new Float64Array(k);
  for (let i = 0, j = 0; i < n; i++) {
    const o = currentCounts[i];
    const r = referenceCounts[i];
    if (r + o === 0) continue;
    const e = r * kNorm;
    if (lambda === 'pearson') {
      const d = o - e;
      terms[j++] = (d * d) / e;
    } else {
      // 2 * scipy.special.xlogy(o, o / e): 0 for o = 0, +Infinity for e = 0 < o.
      terms[j++] = 2.0 * (o === 0 ? 0 : o * Math.log(o / e));
    }
  }
  const statistic = pairwiseSum(terms);
  const df = k - 1;
  return { statistic, pValue: chi2Sf(statistic, df), df };
}
