import erf from '@stdlib/math-base-special-erf';
import erfc from '@stdlib/math-base-special-erfc';
import { ascending } from '../special/ascending.js';

/** How the p-value was obtained, as scipy's `_mwu_choose_method` decides. */
export type MannWhitneyUMethod = 'exact' | 'asymptotic';

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyUResult {
  /** U1, the statistic of the first sample, as scipy returns it. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** 'exact' when a side has at most 8 observations and there are no ties, else 'asymptotic'. */
  method: MannWhitneyUMethod;
}

/**
 * Beyond this many U values the O(maxU²) Löffler recurrence scipy uses is
 * replaced by the O(min(n1, n2) · maxU) product form of the same generating
 * function (a 1 000 000-row side would otherwise take hours).
 */
export const MWU_RECURRENCE_MAX_U = 4096;

// numpy compares the double with uint64 max, which converts to 2**64.
const UINT64_MAX_AS_DOUBLE = 2 ** 64;

/**
 * `scipy.special.binom(n, k)` for integer 0 <= k < 20: cephes' multiplicative
 * loop, kept operation for operation so the normaliser matches scipy's double.
 */
export function binomSmallK(n: number, k: number): number {
  let kx = k;
  if (kx > n / 2 && n > 0) kx = n - kx;
  let num = 1;
  let den = 1;
  for (let i = 1; i < 1 + kx; i++) {
    num *= i + n - kx;
    den *= i;
    if (Math.abs(num) > 1e50) {
      num /= den;
      den = 1;
    }
  }
  return num / den;
}

/**
 * Number of arrangements giving U = 0 .. maxU for sample sizes m <= n, by the
 * recurrence of scipy's `_MWU.build_u_freqs_array` (Löffler 1983):
 * u·f(u) = Σ_{i<u} f(i)·σ(u−i), with σ(k) the sum of divisors d <= m of k minus
 * the sum of divisors n < d <= m+n of k. Like scipy, values are truncated to
 * integers (its uint64 phase) until they exceed 2**64 and are kept as doubles
 * from then on. O(maxU²).
 */
export function mwuCountsRecurrence(m: number, n: number, maxU: number): Float64Array {
  const sigma = new Float64Array(maxU + 1);
  for (let d = 1; d <= m; d++) for (let k = d; k <= maxU; k += d) sigma[k] += d;
  for (let d = n + 1; d <= n + m; d++) for (let k = d; k <= maxU; k += d) sigma[k] -= d;

  const counts = new Float64Array(maxU + 1);
  counts[0] = 1;
  let integral = true;
  for (let u = 1; u <= maxU; u++) {
    let dot = 0;
    for (let i = 0; i < u; i++) dot += counts[i] * sigma[u - i];
    const value = dot / u;
    if (integral && value > UINT64_MAX_AS_DOUBLE) integral = false;
    counts[u] = integral ? Math.trunc(value) : value;
  }
  return counts;
}

/**
 * Same counts as {@link mwuCountsRecurrence}, as the coefficients of the
 * Gaussian binomial Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i) truncated at q^maxU.
 * Exact while the counts fit in 2**53 (bit-identical to the recurrence there);
 * beyond, it is at least as accurate as scipy's float recurrence.
 * O(m · maxU).
 */
export function mwuCountsProduct(m: number, n: number, maxU: number): Float64Array {
  const c = new Float64Array(maxU + 1);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    const d = n + i;
    for (let k = maxU; k >= d; k--) c[k] -= c[k - d];
    for (let k = i; k <= maxU; k++) c[k] += c[k - i];
  }
  return c;
}

/**
 * P(U <= k) under the null for sample sizes n1, n2 with k <= n1·n2/2, summed as
 * scipy's `_MWU.cdf` does: pmf = count / binom(n1 + n2, min), then a running sum.
 */
export function mwuExactCdf(n1: number, n2: number, k: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const counts = k <= MWU_RECURRENCE_MAX_U ? mwuCountsRecurrence(m, n, k) : mwuCountsProduct(m, n, k);
  const total = binomSmallK(m + n, m);
  let cdf = 0;
  for (let u = 0; u <= k; u++) cdf += counts[u] / total;
  return cdf;
}

/** cephes `ndtr` (standard normal cdf) as scipy.special.ndtr evaluates it. */
function ndtr(a: number): number {
  if (Number.isNaN(a)) return Number.NaN;
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}

/**
 * Two-sided Mann–Whitney U test; reproduces
 * `scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='auto')`
 * (use_continuity=True, scipy 1.17.1).
 *
 * Method choice is scipy's `_mwu_choose_method`: exact when either side has at
 * most 8 observations and no value is tied, asymptotic otherwise. The exact
 * p-value is 2·P(U <= n1·n2 − max(U1, U2)) from the exact null distribution of
 * scipy's `_MWU`; the asymptotic one is the normal approximation with tie
 * correction and a 0.5 continuity correction. Both are clipped to [0, 1].
 *
 * Preconditions: no NaN (remove them first). Either side empty: statistic and
 * pValue NaN (scipy's result). Sorted copies are made; inputs are not modified.
 * O(n1 + n2) for long inputs (radix sort, see {@link ascending}) plus, on the
 * exact path, O(min(n1, n2) · n1·n2) at most.
 */
export function mannWhitneyU(x: Float64Array, y: Float64Array): MannWhitneyUResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    return { statistic: Number.NaN, pValue: Number.NaN, method: n1 > 8 && n2 > 8 ? 'asymptotic' : 'exact' };
  }
  const xs = ascending(x);
  const ys = ascending(y);

  // Walk the merged order one group of equal values at a time: midranks, rank
  // sum of x and Σ(t³ − t) over tie groups, all exact in doubles (scipy's too).
  let i = 0;
  let j = 0;
  let below = 0;
  let r1 = 0;
  let tieTerm = 0;
  let ties = false;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && xs[i] <= ys[j]) ? xs[i] : ys[j];
    const i0 = i;
    const j0 = j;
    while (i < n1 && xs[i] === v) i++;
    while (j < n2 && ys[j] === v) j++;
    const t = i - i0 + (j - j0);
    r1 += (i - i0) * (below + (t + 1) / 2);
    if (t > 1) {
      ties = true;
      tieTerm += t * t * t - t;
    }
    below += t;
  }

  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  const method: MannWhitneyUMethod = (n1 > 8 && n2 > 8) || ties ? 'asymptotic' : 'exact';

  let p: number;
  if (method === 'exact') {
    p = 2 * mwuExactCdf(n1, n2, n1 * n2 - u);
  } else {
    const n = n1 + n2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    const z = (u - (n1 * n2) / 2 - 0.5) / s;
    p = 2 * ndtr(-z);
  }
  // numpy.clip keeps NaN.
  if (p > 1) p = 1;
  else if (p < 0) p = 0;
  return { statistic: u1, pValue: p, method };
}
