import gammaln from '@stdlib/math-base-special-gammaln';
import { ascending } from '../special/ascending.js';
import { besselK } from '../special/besselK.js';
import { gcd } from '../special/gcd.js';
import { ldexp } from '../special/kolmogorov.js';
import { pairwiseSum } from '../special/numpySum.js';

/** Result of {@link cramerVonMises2samp}. */
export interface CramerVonMises2sampResult {
  /** Anderson's (1962) T = U / (nm(n+m)) - (4mn - 1) / (6(m+n)). */
  statistic: number;
  pValue: number;
  /** scipy's `method='auto'`: exact when both samples have at most 20 observations. */
  method: 'exact' | 'asymptotic';
}

const PI_1_5 = 5.568327996831708; // Python's math.pi**1.5 (V8's Math.PI ** 1.5 is one ulp lower)

/**
 * CDF of the limiting one-sample Cramér–von Mises statistic:
 * `scipy.stats._hypotests._cdf_cvm_inf` (Csörgő & Faraway 1996, eq. 1.2/1.3),
 * summing terms until one falls below 1e-7 in absolute value (that term included).
 */
export function cdfCvmInf(x: number): number {
  let tot = 0;
  for (let k = 0; ; k++) {
    const u = Math.exp(gammaln(k + 0.5) - gammaln(k + 1)) / (PI_1_5 * Math.sqrt(x));
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    const b = besselK(0.25, q);
    const z = u * Math.sqrt(y) * Math.exp(-q) * b;
    tot += z;
    if (!(Math.abs(z) >= 1e-7)) break;
  }
  return tot;
}

/** Correctly rounded num/den for positive BigInts (Python's int / int). */
function bigRatio(num: bigint, den: bigint): number {
  const bits = (v: bigint): number => v.toString(2).length;
  // Scale so the integer quotient has at least 55 bits, then fold the remainder
  // into a sticky bit so Number() (round-half-even) rounds once, correctly.
  const s = bits(den) - bits(num) + 56;
  const nn = s >= 0 ? num << BigInt(s) : num;
  const dd = s >= 0 ? den : den << BigInt(-s);
  const q = nn / dd;
  const r = nn - q * dd;
  const q2 = (q << 1n) | (r === 0n ? 0n : 1n);
  return ldexp(Number(q2), -(s + 1));
}

/**
 * p-value from Anderson's normalised statistic and the limiting distribution:
 * `scipy.stats._hypotests._pval_cvm_2samp_asymptotic` (Anderson 1962 eqs. 11, 14, 15).
 * E[T] and Var[T] are evaluated as scipy does with Python integers: exactly,
 * then rounded once.
 */
function pvalCvm2sampAsymptotic(t: number, N: number, nx: number, ny: number, k: number): number {
  const et = (1 + 1 / N) / 6;
  const bN = BigInt(N);
  const bk = BigInt(k);
  const bnx = BigInt(nx);
  const bny = BigInt(ny);
  const num = (bN + 1n) * (4n * bk * bN - 3n * (bnx * bnx + bny * bny) - 2n * bk);
  const den = 45n * bN * bN * 4n * bk;
  const vt = num > 0n ? bigRatio(num, den) : -bigRatio(-num, den);
  const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
  // scipy: below 0.003 the limiting cdf is < 1.3e-18, so p = 1 directly.
  if (!(tn >= 0.003)) return Number.isNaN(tn) ? Number.NaN : 1.0;
  return Math.max(1 - cdfCvmInf(tn), 0);
}

/** NumPy's float floor division (`npy_divmod`), as in `zeta = ... // (6 mn^2)`. */
function npyFloorDivide(a: number, b: number): number {
  if (b === 0) return a / b;
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1.0;
    }
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  }
  return floordiv;
}

/** A frequency table {value -> count} kept as two arrays sorted by value. */
interface FreqTable {
  values: Float64Array;
  freqs: Float64Array;
}

const EMPTY: FreqTable = { values: new Float64Array(0), freqs: new Float64Array(0) };

/** Union of two tables (counts of equal values added), every value shifted by `add`. */
function mergeShift(p: FreqTable, q: FreqTable, add: number): FreqTable {
  const lp = p.values.length;
  const lq = q.values.length;
  const values = new Float64Array(lp + lq);
  const freqs = new Float64Array(lp + lq);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < lp && j < lq) {
    const a = p.values[i];
    const b = q.values[j];
    if (a < b) {
      values[o] = a + add;
      freqs[o++] = p.freqs[i++];
    } else if (b < a) {
      values[o] = b + add;
      freqs[o++] = q.freqs[j++];
    } else {
      values[o] = a + add;
      freqs[o++] = p.freqs[i++] + q.freqs[j++];
    }
  }
  while (i < lp) {
    values[o] = p.values[i] + add;
    freqs[o++] = p.freqs[i++];
  }
  while (j < lq) {
    values[o] = q.values[j] + add;
    freqs[o++] = q.freqs[j++];
  }
  return { values: values.subarray(0, o), freqs: freqs.subarray(0, o) };
}

/**
 * Exact p-value P(U >= s): `scipy.stats._hypotests._pval_cvm_2samp_exact`,
 * the frequency-table recursion of Xiao, Gordon & Yakovlev (2006, Algorithm 1)
 * on g_{u,v} with Anderson's (1962) eq. 9 solved for the threshold zeta.
 * Counts stay below C(40, 20) < 2^53, so doubles hold them exactly.
 */
function pvalCvm2sampExact(s: number, m: number, n: number): number {
  const lcm = (m / gcd(m, n)) * n;
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  const zeta = npyFloorDivide(lcm * lcm * (m + n) * (6 * s - mn * (4 * mn - 1)), 6 * mn * mn);

  let combinations = 1;
  for (let i = 1; i <= m; i++) combinations = (combinations * (n + i)) / i;

  let gs: FreqTable[] = [{ values: new Float64Array([0]), freqs: new Float64Array([1]) }];
  for (let v = 1; v <= m; v++) gs.push(EMPTY);
  for (let u = 0; u <= n; u++) {
    const next: FreqTable[] = [];
    let tmp = EMPTY;
    for (let v = 0; v <= m; v++) {
      const r = a * v - b * u;
      tmp = mergeShift(tmp, gs[v], r * r);
      next.push(tmp);
    }
    gs = next;
  }
  const { values, freqs } = gs[m];
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] >= zeta) count += freqs[i];
  return count / combinations;
}

/**
 * Two-sample Cramér–von Mises test; reproduces
 * `scipy.stats.cramervonmises_2samp(a, b)` of SciPy 1.17.1 with
 * method='auto': the exact null distribution of U when both samples have at
 * most 20 observations, otherwise Anderson's normalised statistic referred to
 * the limiting distribution (`_cdf_cvm_inf`, with K_{1/4} from {@link besselK}).
 * Ties get mid-ranks, as `scipy.stats.rankdata(method='average')` gives.
 *
 * Preconditions: inputs contain no NaN (the caller drops them); they are not
 * modified. O((n + m) log(n + m)) for the asymptotic path.
 * Samples with fewer than two observations give NaN statistic and p-value
 * (scipy returns NaN with a SmallSampleWarning).
 */
export function cramerVonMises2samp(a: Float64Array, b: Float64Array): CramerVonMises2sampResult {
  const nx = a.length;
  const ny = b.length;
  const method = Math.max(nx, ny) > 20 ? 'asymptotic' : 'exact';
  if (nx <= 1 || ny <= 1) return { statistic: Number.NaN, pValue: Number.NaN, method };

  const xa = ascending(a);
  const ya = ascending(b);
  // (rank - position)^2 for each sorted observation; ranks are pooled mid-ranks.
  const tx = new Float64Array(nx);
  const ty = new Float64Array(ny);
  let i = 0;
  let j = 0;
  while (i < nx || j < ny) {
    const v = j >= ny || (i < nx && xa[i] <= ya[j]) ? xa[i] : ya[j];
    let ie = i;
    while (ie < nx && xa[ie] <= v) ie++;
    let je = j;
    while (je < ny && ya[je] <= v) je++;
    const r = i + j + 1 + (ie - i + (je - j) - 1) / 2;
    for (let p = i; p < ie; p++) {
      const dlt = r - (p + 1);
      tx[p] = dlt * dlt;
    }
    for (let p = j; p < je; p++) {
      const dlt = r - (p + 1);
      ty[p] = dlt * dlt;
    }
    i = ie;
    j = je;
  }
  // NumPy's pairwise summation order, so large-n sums round as scipy's do.
  const u = nx * (0 + pairwiseSum(tx, 0, nx)) + ny * (0 + pairwiseSum(ty, 0, ny));

  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);

  const pValue = method === 'exact' ? pvalCvm2sampExact(u, nx, ny) : pvalCvm2sampAsymptotic(t, N, nx, ny, k);
  return { statistic: t, pValue, method };
}
