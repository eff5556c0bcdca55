import { categoryCounts } from '../binned/binnedShares.js';
import { chi2Sf } from '../special/distributions.js';
import { pairwiseSum } from '../special/numpySum.js';
import type { CategoricalTestResult } from './chiSquare.js';
import { countTotals } from './countTotals.js';

/**
 * Pearson's chi-squared test of homogeneity on the 2 × k table of reference and current counts:
 * `scipy.stats.chi2_contingency([reference_counts, current_counts])` with scipy's defaults
 * (`correction=True`, `lambda_=None`), over the categories present in either sample.
 *
 * Unlike `chisquare`, which takes the reference's proportions as exact, both samples are treated as
 * draws, so the reference's own sampling noise is part of the null distribution: under no drift the
 * false-alarm rate is α whatever the ratio of the sample sizes (the goodness-of-fit test's is about
 * five times α with equal sizes).
 *
 * - Expected counts e_ij = row_i · col_j / N as scipy's `expected_freq`; df = k - 1.
 * - One degree of freedom (k = 2): Yates' continuity correction, each observed count moved towards its
 *   expected count by min(0.5, |e - o|) (scipy's gh-13875 rule).
 * - Terms (o - e)² / e of the row-major table (reference row first), numpy's pairwise sum, `chdtrc(k - 1, χ²)`.
 * - A category absent from both samples has an expected count of 0, on which scipy raises; it is left
 *   out (as one must to call scipy at all). One category in total (df = 0): statistic 0, p = 1, as scipy.
 * - An empty side (scipy raises: zero expected counts) gives NaN fields.
 */
export function chi2Contingency(reference: Int32Array, current: Int32Array, nCategories: number): CategoricalTestResult {
  return chi2ContingencyCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories));
}

/** {@link chi2Contingency} from per-category counts (same index = same category; all-zero categories are skipped). */
export function chi2ContingencyCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): CategoricalTestResult {
  return contingencyTest(referenceCounts, currentCounts, 'pearson');
}

/**
 * Shared body of the two-sample Pearson and log-likelihood tests: `chi2_contingency(table, lambda_=lambda)`
 * on the 2 × k table of present categories. For `log-likelihood` the terms are 2·xlogy(o, o / e)
 * (0 for o = 0), after the same continuity correction.
 */
export function contingencyTest(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  lambda: 'pearson' | 'log-likelihood',
): CategoricalTestResult {
  const { n, nRef, nCur, k, degenerate } = countTotals(referenceCounts, currentCounts);
  if (degenerate) return degenerate;
  const total = nRef + nCur;
  const yates = k === 2;
  const terms = new Float64Array(2 * k);
  for (let i = 0, j = 0; i < n; i++) {
    const column = referenceCounts[i] + currentCounts[i];
    if (column === 0) continue;
    terms[j] = term(referenceCounts[i], (nRef * column) / total, yates, lambda);
    terms[k + j] = term(currentCounts[i], (nCur * column) / total, yates, lambda);
    j++;
  }
  const statistic = pairwiseSum(terms);
  const df = k - 1;
  return { statistic, pValue: chi2Sf(statistic, df), df };
}

function term(observed: number, expected: number, yates: boolean, lambda: 'pearson' | 'log-likelihood'): number {
  let o = observed;
  if (yates) {
    // observed + min(0.5, |e - o|) · sign(e - o), in scipy's order of operations.
    const diff = expected - o;
    const magnitude = Math.min(0.5, Math.abs(diff));
    o = o + magnitude * Math.sign(diff);
  }
  if (lambda === 'pearson') {
    const d = o - expected;
    return (d * d) / expected;
  }
  return 2.0 * (o === 0 ? 0 : o * Math.log(o / expected));
}
