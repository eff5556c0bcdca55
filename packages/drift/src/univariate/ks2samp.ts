import { ascending } from '../special/ascending.js';
import { gcd } from '../special/gcd.js';
import { kstwoSfDeferred, warmSmirnov } from '../special/kolmogorov.js';
import { ksStatisticInts } from './ksStatisticInts.js';
import { canCountUnsorted, ksStatisticUnsorted } from './ksStatisticUnsorted.js';

/** Result of {@link ks2samp}. */
export interface Ks2sampResult {
  /** Two-sided KS statistic D = sup |F_a - F_b|. */
  statistic: number;
  /** Two-sided p-value. */
  pValue: number;
  /** How the p-value was obtained (scipy's `method='auto'` choice, after any fallback). */
  method: 'exact' | 'asymptotic';
}

/**
 * From this many values in all, unsorted samples get their statistic from {@link ksStatisticUnsorted}
 * (no sort); below it sorted copies cost less than its 2^16-bucket counters.
 */
const unsortedMinValues = 1 << 15;

/** scipy's `MAX_AUTO_N`: 'auto' attempts the exact p-value when max(n1, n2) <= this. */
const MAX_AUTO_N = 10000;

/** `np.round`: round half to even. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Pr(D_{n,n} >= h/n): `scipy.stats._stats_py._compute_prob_outside_square`,
 * the alternating binomial series 2 (A0 - A0 A1 + ...) evaluated Horner-style.
 */
function computeProbOutsideSquare(n: number, h: number): number {
  let P = 0.0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1.0;
    for (let j = 0; j < h; j++) {
      p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    }
    P = p1 * (1.0 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths from (0,0) to (m,n) leaving the band
 * |x/m - y/n| < h/lcm(m,n): `scipy.stats._stats_pythran._compute_outer_prob_inside_method`
 * (Hodges 1958, with Viehmann's 2021 recursion for 1 - p).
 */
function computeOuterProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  let m = m0;
  let n = n0;
  if (m < n) {
    const t = m;
    m = n;
    n = t;
  }
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1.0);
  A.fill(0.0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1.0;
    let val = minj === 0 ? 0.0 : 1.0;
    const len = maxj - minj;
    const shift = minj - lastminj;
    for (let jj = 0; jj < len; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = len;
    if (lastlen > curlen) A.fill(1, len, len + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/**
 * Two-sample Kolmogorov–Smirnov test; reproduces
 * `scipy.stats.ks_2samp(a, b)` of SciPy 1.17.1 (alternative='two-sided',
 * method='auto'):
 *
 * - exact p-value when max(n1, n2) <= 10000 (`_attempt_exact_2kssamp`), in
 *   which case the statistic is snapped to h/lcm(n1, n2) as scipy does;
 * - otherwise, or when the exact computation fails (it returns a value
 *   outside [0, 1], e.g. 1.0000000000000002 for some n1 = n2 and D = 1/n),
 *   `kstwo.sf(D, round(n1 n2 / (n1 + n2)))` with NumPy's half-to-even rounding.
 *
 * Preconditions: inputs contain no NaN (the caller drops them). The inputs are
 * not modified: small samples are walked as sorted copies, large ones counted
 * into buckets without a sort ({@link ksStatisticUnsorted}, the same statistic
 * to the bit). `sorted`: the caller knows both are ascending already (a
 * reader's sorted columns), so they are walked as they are. `threads`: 1 keeps the p-value's work on this thread (see `smirnov`).
 * An empty sample gives NaN statistic and p-value (scipy returns NaN with a
 * SmallSampleWarning).
 */
export function ks2samp(a: Float64Array, b: Float64Array, sorted = false, threads?: number): Ks2sampResult {
  return ks2sampDeferred(a, b, sorted, threads)();
}

/**
 * {@link ks2samp} in two steps: the statistic now, the result when the returned function is called. An
 * asymptotic p-value that needs an O(n) Smirnov sum shared with a worker thread starts the worker on it
 * now ({@link kstwoSfDeferred}), so a caller that tests other columns before asking overlaps them with it.
 */
export function ks2sampDeferred(a: Float64Array, b: Float64Array, sorted = false, threads?: number): () => Ks2sampResult {
  const n1 = a.length;
  const n2 = b.length;
  const mode = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymptotic';
  if (n1 === 0 || n2 === 0) {
    const empty: Ks2sampResult = { statistic: Number.NaN, pValue: Number.NaN, method: mode };
    return () => empty;
  }

  const d =
    sorted || n1 + n2 < unsortedMinValues || !canCountUnsorted
      ? walkStatistic(sorted ? a : ascending(a), sorted ? b : ascending(b))
      : ksStatisticUnsorted(a, b);
  return ksFromStatistic(d, n1, n2, threads);
}

/**
 * {@link ks2sampDeferred} of two samples of scaled decimals of one scale (`a[i] / 10^scale`), from
 * their integers: the same statistic to the bit ({@link ksStatisticInts}; the integers order as the
 * values do), the same p-value, and the doubles never made.
 */
export function ks2sampScaledDeferred(a: Int32Array, b: Int32Array, threads?: number): () => Ks2sampResult {
  if (a.length === 0 || b.length === 0) {
    const empty: Ks2sampResult = {
      statistic: Number.NaN,
      pValue: Number.NaN,
      method: Math.max(a.length, b.length) <= MAX_AUTO_N ? 'exact' : 'asymptotic',
    };
    return () => empty;
  }
  return ksFromStatistic(ksStatisticInts(a, b), a.length, b.length, threads);
}

/** The rest of {@link ks2sampDeferred} once the statistic `d` of non-empty samples of `n1` and `n2` values is known. */
function ksFromStatistic(statistic: number, n1: number, n2: number, threads: number | undefined): () => Ks2sampResult {
  let d = statistic;
  let mode: 'exact' | 'asymptotic' = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymptotic';

  const g = gcd(n1, n2);
  let prob = Number.NEGATIVE_INFINITY;
  if (mode === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    let success: boolean;
    if (h === 0) {
      prob = 1.0;
      success = true;
    } else {
      prob = n1 === n2 ? computeProbOutsideSquare(n1, h) : computeOuterProbInsideMethod(n1, n2, g, h);
      success = prob >= 0 && prob <= 1;
    }
    if (!success) mode = 'asymptotic';
  }
  if (mode === 'asymptotic') {
    const mm = Math.max(n1, n2);
    const nn = Math.min(n1, n2);
    const en = (mm * nn) / (mm + nn);
    const later = kstwoSfDeferred(d, roundHalfEven(en), threads);
    const statistic = d;
    return () => ({ statistic, pValue: Math.min(Math.max(later(), 0), 1), method: 'asymptotic' });
  }
  const result: Ks2sampResult = { statistic: d, pValue: Math.min(Math.max(prob, 0), 1), method: mode };
  return () => result;
}

/**
 * Starts the worker thread that the p-value of `ks2samp` on samples of these sizes may share its sum
 * with (an asymptotic p-value of ~100 000 rows or more), ahead of the test.
 */
export function warmKs2samp(n1: number, n2: number, threads?: number): void {
  if (Math.max(n1, n2) <= MAX_AUTO_N || n1 === 0 || n2 === 0) return;
  const mm = Math.max(n1, n2);
  const nn = Math.min(n1, n2);
  warmSmirnov(roundHalfEven((mm * nn) / (mm + nn)), threads);
}

/**
 * D over two ascending samples: scipy's `cddiffs = searchsorted(x, all, 'right')/n1 −
 * searchsorted(y, all, 'right')/n2` by one merge pass, evaluated once per distinct value (ties share
 * the same counts), then `max(clip(−min, 0, 1), max)`.
 */
function walkStatistic(x: Float64Array, y: Float64Array): number {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i] <= y[j]) ? x[i] : y[j];
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(Math.max(-minDiff, 0), 1);
  return Math.max(minS, maxDiff);
}
