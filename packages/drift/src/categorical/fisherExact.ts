import factorialln from '@stdlib/math-base-special-factorialln';
import type { TwoSampleTestResult } from './zTest.js';

/**
 * Evidently's `fisher_exact` stattest on a binary column: `scipy.stats.fisher_exact` (two-sided) of the
 * 2×2 table [[ref_a, ref_b], [cur_a, cur_b]], where a is the smallest code present in either sample and b the
 * other one. More than two codes present (Evidently raises) or an empty side: NaN fields. Both samples holding
 * the same single value give scipy's (NaN, 1), matching Evidently's p = 1 rule.
 */
export function fisherExact(reference: Int32Array, current: Int32Array): TwoSampleTestResult {
  const n1 = reference.length;
  const n2 = current.length;
  if (n1 === 0 || n2 === 0) return { statistic: Number.NaN, pValue: Number.NaN };
  let a = reference[0];
  let b = a;
  for (const side of [reference, current]) {
    for (let i = 0; i < side.length; i++) {
      const v = side[i];
      if (v < a) a = v;
      if (v > b) b = v;
    }
  }
  let refA = 0;
  let curA = 0;
  for (let i = 0; i < n1; i++) {
    const v = reference[i];
    if (v === a) refA++;
    else if (v !== b) return { statistic: Number.NaN, pValue: Number.NaN };
  }
  for (let i = 0; i < n2; i++) {
    const v = current[i];
    if (v === a) curA++;
    else if (v !== b) return { statistic: Number.NaN, pValue: Number.NaN };
  }
  return fisherExact2x2(refA, n1 - refA, curA, n2 - curA);
}

/**
 * `scipy.stats.fisher_exact([[a, b], [c, d]], alternative='two-sided')` of scipy 1.17.1
 * (scipy/stats/_stats_py.py): statistic = a·d / (b·c) (Infinity when b or c is 0; NaN and p = 1 when a row or
 * column sums to 0); the p-value sums the hypergeometric pmf of every table at most (1 + 1e-14) times as
 * likely as the observed one, found by scipy's mode / binary-search scheme.
 *
 * The pmf comes from log-factorials (stdlib `factorialln`), sorted before summing so tables with the same
 * cells give bit-identical values (exact ties in symmetric tables stay exact). Where two log-pmfs differ by
 * less than their rounding noise, the comparison is settled exactly through prime exponents (Legendre's
 * formula), so scipy's 1e-14 tie tolerance is applied to the true ratio. Tail sums start from the largest pmf
 * in the range and step outwards with the pmf's term ratio. Relative accuracy of the p-value is ~1e-9 for
 * counts near 100 000 (log-factorials of ~1e6 carry ~1e-10 absolute rounding), ~1e-13 for small tables.
 */
export function fisherExact2x2(a: number, b: number, c: number, d: number): TwoSampleTestResult {
  if (!(a >= 0 && b >= 0 && c >= 0 && d >= 0)) return { statistic: Number.NaN, pValue: Number.NaN };
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { statistic: Number.NaN, pValue: 1.0 };
  const statistic = c > 0 && b > 0 ? (a * d) / (c * b) : Number.POSITIVE_INFINITY;
  const h = new Hypergeometric(a + b, c + d, a + c);
  const n = a + c;
  const x0 = a;
  const mode = Math.trunc(((n + 1) * (h.n1 + 1)) / (h.n1 + h.n2 + 2));

  if (Math.abs(Math.expm1(-Math.abs(h.logRatio(x0, mode)))) <= EPSILON) return { statistic, pValue: 1.0 };
  let pValue: number;
  if (x0 < mode) {
    const plower = h.sum(h.lo, x0);
    if (h.compare(n, x0) > 0) return { statistic, pValue: plower };
    // scipy: _binary_search(lambda x: -pmf(x), -pexact * gamma, mode, n)
    const guess = binarySearch((x) => -h.compare(x, x0), mode, n);
    pValue = plower + h.sum(guess + 1, h.hi);
  } else {
    const pupper = h.sum(x0, h.hi);
    if (h.compare(0, x0) > 0) return { statistic, pValue: pupper };
    // scipy: _binary_search(pmf, pexact * gamma, 0, mode)
    const guess = binarySearch((x) => h.compare(x, x0), 0, mode);
    pValue = pupper + h.sum(h.lo, guess);
  }
  return { statistic, pValue: Math.min(pValue, 1.0) };
}

/** scipy's `epsilon` in fisher_exact; gamma = 1 + epsilon. */
const EPSILON = 1e-14;
const LOG_GAMMA = Math.log1p(EPSILON);

/**
 * scipy.stats._binomtest._binary_search_for_binom_tst with the comparison a(mid) vs d given as a sign:
 * returns i in [lo, hi] with a(i) <= d < a(i + 1) (or lo - 1).
 */
function binarySearch(sign: (x: number) => number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const s = sign(mid);
    if (s < 0) lo = mid + 1;
    else if (s > 0) hi = mid - 1;
    else return mid;
  }
  return sign(lo) <= 0 ? lo : lo - 1;
}

/**
 * Hypergeometric law of the top-left cell with row sums n1, n2 and first column sum n
 * (`scipy.stats.hypergeom(M=n1 + n2, n=n1, N=n)`).
 */
class Hypergeometric {
  readonly lo: number;
  readonly hi: number;
  private readonly logMarginal: number;
  private primes: Int32Array | null = null;

  constructor(
    readonly n1: number,
    readonly n2: number,
    readonly n: number,
  ) {
    this.lo = Math.max(0, n - n2);
    this.hi = Math.min(n1, n);
    this.logMarginal = factorialln(n1) + factorialln(n2) + factorialln(n) + factorialln(n1 + n2 - n) - factorialln(n1 + n2);
  }

  /** Σ log(cell!) of the table with top-left cell x, summed in ascending order so equal cell multisets agree. */
  private logCells(x: number): number {
    const l0 = factorialln(x);
    const l1 = factorialln(this.n1 - x);
    const l2 = factorialln(this.n - x);
    const l3 = factorialln(this.n2 - this.n + x);
    // Sorting network for four values.
    let a = Math.min(l0, l1);
    let b = Math.max(l0, l1);
    let c = Math.min(l2, l3);
    let d = Math.max(l2, l3);
    const lo1 = Math.min(a, c);
    const hi1 = Math.max(b, d);
    const m1 = Math.max(a, c);
    const m2 = Math.min(b, d);
    a = lo1;
    b = Math.min(m1, m2);
    c = Math.max(m1, m2);
    d = hi1;
    return a + b + c + d;
  }

  private inSupport(x: number): boolean {
    return x >= this.lo && x <= this.hi;
  }

  pmf(x: number): number {
    if (!this.inSupport(x)) return 0;
    return Math.exp(this.logMarginal - this.logCells(x));
  }

  /**
   * log(pmf(x) / pmf(x0)) for x, x0 in the support, exact (0) for equal pmfs: below the rounding noise
   * of the log-factorial sums the ratio is recomputed from prime exponents.
   */
  logRatio(x: number, x0: number): number {
    if (x === x0) return 0;
    const sx = this.logCells(x);
    const s0 = this.logCells(x0);
    const d = s0 - sx;
    const noise = 64 * Number.EPSILON * (Math.abs(sx) + Math.abs(s0) + 1);
    if (Math.abs(d) > noise) return d;
    return this.exactLogRatio(x, x0);
  }

  /**
   * Sign of pmf(x) - pmf(x0)·(1 + 1e-14), the comparison scipy's fisher_exact makes; a pmf outside the
   * support is 0.
   */
  compare(x: number, x0: number): number {
    if (!this.inSupport(x)) return -1;
    return this.logRatio(x, x0) > LOG_GAMMA ? 1 : -1;
  }

  /** Σ pmf over [from, to] ∩ support, stepping out from the point nearest the mode with exact term ratios. */
  sum(from: number, to: number): number {
    from = Math.max(from, this.lo);
    to = Math.min(to, this.hi);
    if (from > to) return 0;
    const { n1, n2, n } = this;
    const mode = Math.trunc(((n + 1) * (n1 + 1)) / (n1 + n2 + 2));
    const start = Math.min(Math.max(mode, from), to);
    const base = this.pmf(start);
    if (base === 0) return 0;
    let total = 1;
    let term = 1;
    for (let x = start; x < to; x++) {
      // pmf(x + 1) / pmf(x)
      term *= ((n1 - x) * (n - x)) / ((x + 1) * (n2 - n + x + 1));
      total += term;
      if (term < total * 1e-17) break;
    }
    term = 1;
    for (let x = start; x > from; x--) {
      // pmf(x - 1) / pmf(x)
      term *= (x * (n2 - n + x)) / ((n1 - x + 1) * (n - x + 1));
      total += term;
      if (term < total * 1e-17) break;
    }
    return base * total;
  }

  /** log(pmf(x) / pmf(x0)) = Σ_p e_p·ln p with e_p the prime exponents of x0's cell factorials minus x's. */
  private exactLogRatio(x: number, x0: number): number {
    const cells = [x0, this.n1 - x0, this.n - x0, this.n2 - this.n + x0, x, this.n1 - x, this.n - x, this.n2 - this.n + x];
    let maxCell = 0;
    for (const v of cells) if (v > maxCell) maxCell = v;
    const primes = this.primesUpTo(maxCell);
    let out = 0;
    for (let i = 0; i < primes.length; i++) {
      const p = primes[i];
      if (p > maxCell) break;
      let e = 0;
      for (let j = 0; j < 8; j++) {
        const sign = j < 4 ? 1 : -1;
        let q = Math.floor(cells[j] / p);
        while (q > 0) {
          e += sign * q;
          q = Math.floor(q / p);
        }
      }
      if (e !== 0) out += e * Math.log(p);
    }
    return out;
  }

  private primesUpTo(m: number): Int32Array {
    if (this.primes === null) this.primes = primesUpTo(Math.max(m, this.n1 + this.n2));
    return this.primes;
  }
}

/** Sieve of Eratosthenes. */
function primesUpTo(limit: number): Int32Array {
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  const primes = new Int32Array(count);
  for (let i = 2, k = 0; i <= limit; i++) if (!composite[i]) primes[k++] = i;
  return primes;
}
