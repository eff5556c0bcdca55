import { categoryCounts } from '../binned/binnedShares.js';
import { checkedLength } from '../binned/psi.js';
import { pairwiseSum } from '../special/numpySum.js';
import type { CategoricalTestResult } from './chiSquare.js';
import { PermutedTables, type TableSampler } from './PermutedTables.js';

export interface Chi2PermutationOptions {
  /** Number of permutations (default 1000). */
  permutations?: number;
  /** PRNG seed (default 0). */
  seed?: number;
  /** How a permuted table is drawn (default `auto`). */
  sampler?: TableSampler;
}

/**
 * Pearson's chi-squared test of homogeneity with a permutation p-value, for tables too sparse for the
 * chi-squared approximation: `scipy.stats.chi2_contingency(table, correction=False,
 * method=PermutationMethod(n_resamples=1000))` with Driftwatch's seeded draws.
 *
 * - Statistic: scipy's `chi2_contingency(table, correction=False)` statistic on the 2 × k table of present
 *   categories (expected counts row · column / N, terms in row-major order, numpy's pairwise sum).
 * - p = (1 + #{permuted tables with χ² ≥ observed − 100·ε·observed}) / (1 + permutations), scipy's
 *   `permutation_test` rule (its tolerance keeps tables that tie the observed one in exact arithmetic).
 *   A permutation relabels the pooled rows keeping both sample sizes ({@link PermutedTables}, xoshiro128**
 *   seeded by `seed`), so the test is exact: under no drift P(p ≤ α) ≤ α whatever the expected counts.
 * - `df` is k − 1, for information (the p-value does not use it). One category: statistic 0, p = 1.
 *   An empty side gives NaN fields.
 */
export function chi2Permutation(
  reference: Int32Array,
  current: Int32Array,
  nCategories: number,
  options: Chi2PermutationOptions = {},
): CategoricalTestResult {
  return chi2PermutationCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories), options);
}

/** {@link chi2Permutation} from per-category counts (same index = same category; all-zero categories are skipped). */
export function chi2PermutationCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: Chi2PermutationOptions = {},
): CategoricalTestResult {
  const n = checkedLength(referenceCounts, currentCounts);
  let n1 = 0;
  let n2 = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    n1 += referenceCounts[i];
    n2 += currentCounts[i];
    if (referenceCounts[i] + currentCounts[i] > 0) k++;
  }
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN, df: Number.NaN };
  if (k === 1) return { statistic: 0, pValue: 1, df: 0 };
  const ref = new Int32Array(k);
  const cur = new Int32Array(k);
  const expectedRef = new Float64Array(k);
  const expectedCur = new Float64Array(k);
  const total = n1 + n2;
  for (let i = 0, j = 0; i < n; i++) {
    const t = referenceCounts[i] + currentCounts[i];
    if (t === 0) continue;
    ref[j] = referenceCounts[i];
    cur[j] = currentCounts[i];
    expectedRef[j] = (n1 * t) / total;
    expectedCur[j] = (n2 * t) / total;
    j++;
  }
  const terms = new Float64Array(2 * k);
  const pearson = (a: Int32Array): number => {
    for (let j = 0; j < k; j++) {
      const d1 = a[j] - expectedRef[j];
      const d2 = ref[j] + cur[j] - a[j] - expectedCur[j];
      terms[j] = (d1 * d1) / expectedRef[j];
      terms[k + j] = (d2 * d2) / expectedCur[j];
    }
    return pairwiseSum(terms);
  };
  const statistic = pearson(ref);
  const bound = statistic - Math.abs(100 * Number.EPSILON * statistic);
  const permutations = options.permutations ?? 1000;
  const tables = new PermutedTables(ref, cur, options.seed ?? 0, options.sampler ?? 'auto');
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) if (pearson(tables.next()) >= bound) atLeast++;
  return { statistic, pValue: (1 + atLeast) / (1 + permutations), df: k - 1 };
}
