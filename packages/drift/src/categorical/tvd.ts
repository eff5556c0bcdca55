import { categoryCounts } from '../binned/binnedShares.js';
import { pairwiseSum } from '../special/numpySum.js';
import { PermutedTables, type TableSampler } from './PermutedTables.js';
import type { TwoSampleTestResult } from './zTest.js';

export interface PermutationOptions {
  /** Number of permutations (default 1000 for TVD, 100 for MMD). */
  permutations?: number;
  /** PRNG seed (default 0). */
  seed?: number;
}

export interface TvdOptions extends PermutationOptions {
  /** How a permutation's table is drawn (see {@link TableSampler}); default `auto`. */
  sampler?: TableSampler;
}

/**
 * Total variation distance of category shares with a permutation p-value (Evidently's `TVD` stattest).
 *
 * statistic = `0.5 * np.sum(np.abs(reference_shares - current_shares))` over the categories present in
 * either sample. p = (1 + #{permutations with TVD >= observed}) / (1 + permutations): each permutation
 * relabels the pooled codes at random keeping both sample sizes (xoshiro128**, seed `seed`). Evidently uses
 * #{...} / permutations and an unseeded sampler; the +1 keeps p > 0 and makes the test exact.
 *
 * A relabelling only matters through the category counts of the smaller side, a uniformly random subset of
 * the pool: its law is multivariate hypergeometric. Small pools draw it by a partial Fisher–Yates shuffle of the
 * pooled codes; large ones draw the counts directly (one hypergeometric draw per category, see `sampler`), which
 * turns 1000 permutations of two 1,000,000-row samples from ~10 s of shuffling into milliseconds.
 *
 * The comparison uses the integer Σ|ref_c·n_cur - cur_c·n_ref| (= 2·n_ref·n_cur·TVD), exact below 2^53, so
 * permuted tables tying the observed one always count. The pooled buffer is built from the counts in code
 * order, so the result does not depend on row order. No allocation per permutation.
 * An empty side gives NaN fields.
 */
export function tvd(reference: Int32Array, current: Int32Array, nCategories: number, options: TvdOptions = {}): TwoSampleTestResult {
  return tvdCounts(categoryCounts(reference, nCategories), categoryCounts(current, nCategories), options);
}

/** {@link tvd} from per-category counts. */
export function tvdCounts(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  options: TvdOptions = {},
): TwoSampleTestResult {
  const permutations = options.permutations ?? 1000;
  const seed = options.seed ?? 0;
  const m = referenceCounts.length;
  if (currentCounts.length !== m) throw new RangeError(`count arrays differ in length: ${m} vs ${currentCounts.length}`);
  let n1 = 0;
  let n2 = 0;
  let k = 0;
  for (let i = 0; i < m; i++) {
    n1 += referenceCounts[i];
    n2 += currentCounts[i];
    if (referenceCounts[i] + currentCounts[i] > 0) k++;
  }
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };

  // Compact category index over the categories present.
  const ref = new Int32Array(k);
  const cur = new Int32Array(k);
  const diff = new Float64Array(k);
  for (let i = 0, j = 0; i < m; i++) {
    if (referenceCounts[i] + currentCounts[i] === 0) continue;
    ref[j] = referenceCounts[i];
    cur[j] = currentCounts[i];
    diff[j] = Math.abs(ref[j] / n1 - cur[j] / n2);
    j++;
  }
  const statistic = 0.5 * pairwiseSum(diff);

  let observed = 0;
  for (let j = 0; j < k; j++) observed += Math.abs(ref[j] * n2 - cur[j] * n1);

  const tables = new PermutedTables(ref, cur, seed, options.sampler ?? 'auto');
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) {
    const a = tables.next();
    let stat = 0;
    for (let j = 0; j < k; j++) stat += Math.abs(a[j] * n2 - (ref[j] + cur[j] - a[j]) * n1);
    if (stat >= observed) atLeast++;
  }
  return { statistic, pValue: (1 + atLeast) / (1 + permutations) };
}
