import { PermutedTables, type TableSampler } from '../categorical/PermutedTables.js';
import { ascending } from '../special/ascending.js';
import { gcd } from '../special/gcd.js';

export interface KsPermutationOptions {
  /** Number of permutations (default 1000). */
  permutations?: number;
  /** PRNG seed (default 0). */
  seed?: number;
  /** How a permuted sample split is drawn (default `auto`). */
  sampler?: TableSampler;
}

export interface KsPermutationResult {
  statistic: number;
  pValue: number;
  /** Distinct values over both samples (the columns of the permuted tables). */
  distinct: number;
}

/**
 * Two-sample Kolmogorov–Smirnov test with a permutation p-value, exact with ties: scipy's `ks_2samp`
 * statistic D = sup |F_ref − F_cur|, and p = (1 + #{permutations with D ≥ observed}) / (1 + permutations),
 * as `scipy.stats.permutation_test((ref, cur), ks_statistic, alternative='greater')` with Driftwatch's
 * seeded draws.
 *
 * `ks_2samp`'s exact and asymptotic p-values assume continuous data: on tied data (integers, rounded
 * measurements) they are conservative — on Poisson(4) counts about 1% of same-distribution columns are
 * flagged at α = 0.05 instead of 5%. Permuting the pooled sample keeps the ties, so the null distribution
 * is the right one. The pooled sample is tabulated by distinct value; a permutation only changes how many
 * rows of each value fall on the reference side ({@link PermutedTables}), so a permutation costs O(distinct
 * values) once drawn, and the comparison uses the integer max |cum_ref·n_cur − cum_cur·n_ref|, exact below
 * 2^53, so ties with the observed statistic always count. An empty side gives NaN fields.
 */
export function ksPermutation(reference: Float64Array, current: Float64Array, options: KsPermutationOptions = {}): KsPermutationResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN, distinct: Number.NaN };
  const x = ascending(reference);
  const y = ascending(current);
  // Tabulate the pooled sample by distinct value (ascending), counting each side.
  const refCounts = new Int32Array(n1 + n2);
  const curCounts = new Int32Array(n1 + n2);
  let u = 0;
  let i = 0;
  let j = 0;
  // The statistic as ks2samp evaluates it (searchsorted 'right' ratios at each distinct value).
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    const i0 = i;
    const j0 = j;
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    refCounts[u] = i - i0;
    curCounts[u] = j - j0;
    u++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const ref = refCounts.subarray(0, u);
  const cur = curCounts.subarray(0, u);
  const observed = integerStatistic(ref, cur, n1, n2);
  // ks_2samp reports h / lcm(n1, n2) when it attempts the exact p-value (max(n1, n2) <= 10000), with
  // h = round(D·lcm) = observed / gcd; else the largest difference of the two ratios.
  const g = gcd(n1, n2);
  const statistic = Math.max(n1, n2) <= 10000 ? observed / g / ((n1 / g) * n2) : Math.max(Math.min(Math.max(-minDiff, 0), 1), maxDiff);
  if (u === 1) return { statistic, pValue: 1, distinct: 1 };
  const permutations = options.permutations ?? 1000;
  const tables = new PermutedTables(ref, cur, options.seed ?? 0, options.sampler ?? 'auto');
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) {
    const a = tables.next();
    let cumA = 0;
    let cumT = 0;
    let d = 0;
    for (let c = 0; c < u; c++) {
      cumA += a[c];
      cumT += ref[c] + cur[c];
      const diff = Math.abs(cumA * n2 - (cumT - cumA) * n1);
      if (diff > d) d = diff;
    }
    if (d >= observed) atLeast++;
  }
  return { statistic, pValue: (1 + atLeast) / (1 + permutations), distinct: u };
}

/** n_ref·n_cur·D as an integer: max over values of |cum_ref·n_cur − cum_cur·n_ref|. */
function integerStatistic(ref: Int32Array, cur: Int32Array, n1: number, n2: number): number {
  let cumA = 0;
  let cumB = 0;
  let d = 0;
  for (let c = 0; c < ref.length; c++) {
    cumA += ref[c];
    cumB += cur[c];
    const diff = Math.abs(cumA * n2 - cumB * n1);
    if (diff > d) d = diff;
  }
  return d;
}
