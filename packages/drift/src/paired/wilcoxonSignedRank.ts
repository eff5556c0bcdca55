import { normSf } from '../special/distributions.js';

/** The result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** min(R+, R−), scipy's two-sided statistic; NaN when every difference is zero. */
  readonly statistic: number;
  /** Two-sided p-value; NaN when every difference is zero. */
  readonly pValue: number;
  /** Non-zero differences the test used. */
  readonly n: number;
  /** `exact` (no ties, no zeros, n ≤ 50) or `asymptotic` (normal approximation with tie correction). */
  readonly method: 'exact' | 'asymptotic';
}

/**
 * Wilcoxon signed-rank test of paired differences `d` (e.g. after − before), two-sided, as
 * `scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method=M)` with M = `exact`
 * when there are no zero differences, no tied |d| and n ≤ 50, else `asymptotic`: zeros dropped,
 * average ranks of |d|, z = (R+ − n(n+1)/4) / σ with σ² = (n(n+1)(2n+1) − Σ(t³ − t)/2) / 24, no
 * continuity correction. (scipy's `auto` runs a permutation test for n ≤ 13 with ties; this
 * uses the normal approximation there too.)
 */
export function wilcoxonSignedRank(d: ArrayLike<number>): WilcoxonResult {
  let zeros = 0;
  const nonZero: number[] = [];
  for (let i = 0; i < d.length; i++) {
    const v = d[i] ?? Number.NaN;
    if (Number.isNaN(v)) continue;
    if (v === 0) zeros++;
    else nonZero.push(v);
  }
  const n = nonZero.length;
  if (n === 0) return { statistic: Number.NaN, pValue: Number.NaN, n: 0, method: 'asymptotic' };
  const order = nonZero.map((_, i) => i).sort((a, b) => Math.abs(nonZero[a]!) - Math.abs(nonZero[b]!));
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && Math.abs(nonZero[order[j]!]!) === Math.abs(nonZero[order[i]!]!)) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]!] = rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  let rPlus = 0;
  let rMinus = 0;
  for (let i = 0; i < n; i++) {
    if (nonZero[i]! > 0) rPlus += ranks[i]!;
    else rMinus += ranks[i]!;
  }
  const statistic = Math.min(rPlus, rMinus);
  if (zeros === 0 && tieTerm === 0 && n <= 50) {
    return { statistic, pValue: Math.min(1, 2 * exactCdf(n, statistic)), n, method: 'exact' };
  }
  const mean = (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24);
  const z = (rPlus - mean) / sigma;
  return { statistic, pValue: Math.min(1, 2 * normSf(Math.abs(z))), n, method: 'asymptotic' };
}

/** P(T ≤ k) of the signed-rank statistic under H0 for n untied, non-zero differences. */
function exactCdf(n: number, k: number): number {
  const max = (n * (n + 1)) / 2;
  // counts[s]: subsets of {1..n} summing to s; divided by 2 each step to stay in range.
  let counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let r = 1; r <= n; r++) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= max; s++) {
      const c = counts[s]!;
      if (c === 0) continue;
      next[s] = next[s]! + c / 2;
      if (s + r <= max) next[s + r] = next[s + r]! + c / 2;
    }
    counts = next;
  }
  let p = 0;
  for (let s = 0; s <= Math.floor(k); s++) p += counts[s]!;
  return p;
}
