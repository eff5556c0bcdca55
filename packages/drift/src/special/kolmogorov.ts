import { pairwiseSum } from './numpySum.js';
import {
  awaitBlock,
  blockWord,
  claimBlock,
  computeBlock,
  dropBlockWorker,
  endBlockJob,
  findSmirnovWorker,
  newSmirnovBlocksJob,
  postBlockJob,
  type SmirnovBlockViews,
  smirnovBlockViews,
  warmBlockWorker,
} from './smirnovBlocks.js';

/**
 * Kolmogorov–Smirnov distributions, ported from SciPy 1.17.1:
 *
 * - `kolmogorov`, `smirnov`: the C++ routines of `scipy.special` (xsf
 *   `include/xsf/cephes/kolmogorov.h`, van Mulbregt 2018), including the
 *   double-double arithmetic of `dd_real.h` that `smirnov` relies on.
 * - `kolmogn`, `kstwoSf`: `scipy/stats/_ksstats.py` (`_kolmogn` and its
 *   Ruben–Gambino, Durbin/Marsaglia–Tsang–Wang, Pomeranz and Pelz–Good
 *   branches, following Simard & L'Ecuyer 2011) and `scipy.stats.kstwo.sf`.
 *
 * Only the survival function / CDF are ported; the PDFs and inverses are not
 * needed for p-values.
 */

// ---------------------------------------------------------------------------
// Bit-level helpers: exact powers of two, ldexp and frexp as in C.
// ---------------------------------------------------------------------------

const POW2_TABLE = (() => {
  // 2^e for e in [-1022, 1023], built by exact doublings.
  const t = new Float64Array(2046);
  t[1022] = 1;
  for (let e = 1; e <= 1023; e++) t[1022 + e] = t[1022 + e - 1] * 2;
  for (let e = -1; e >= -1022; e--) t[1022 + e] = t[1022 + e + 1] / 2;
  return t;
})();

function pow2i(e: number): number {
  return POW2_TABLE[e + 1022];
}

const TWO_P1023 = pow2i(1023);
const TWO_M969 = pow2i(-969); // 2^-1022 * 2^53, as musl's scalbn uses

/**
 * C `ldexp(x, e)` (musl `scalbn`), correctly rounded into the subnormal range. An exponent within
 * [-1022, 1023] is one exact multiplication, in a body small enough for V8 to inline (the Smirnov sum
 * calls this a few times a term; a call that is not inlined returns its double boxed, on the heap).
 */
export function ldexp(x: number, e: number): number {
  return e >= -1022 && e <= 1023 ? x * (POW2_TABLE[e + 1022] as number) : ldexpFar(x, e);
}

/** {@link ldexp} for an exponent outside [-1022, 1023]: musl's steps through the extremes. */
function ldexpFar(x: number, e: number): number {
  let y = x;
  let n = e;
  if (n > 1023) {
    y *= TWO_P1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO_P1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    y *= TWO_M969;
    n += 969;
    if (n < -1022) {
      y *= TWO_M969;
      n += 969;
      if (n < -1022) n = -1022;
    }
  }
  return y * pow2i(n);
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word at index 1

/** Exponent part of C `frexp`: x = m * 2^e with 0.5 <= |m| < 1. Returns e (0 for 0, inf, NaN). */
function frexpExp(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  F64[0] = x;
  let ex = (U32[HI] >>> 20) & 0x7ff;
  if (ex === 0) {
    // Subnormal: scale into the normal range first.
    F64[0] = x * pow2i(64);
    ex = ((U32[HI] >>> 20) & 0x7ff) - 64;
  }
  return ex - 1022;
}

// ---------------------------------------------------------------------------
// Double-double arithmetic (qd 2.3.18 as reworked in xsf `dd_real.h`).
// `two_prod` uses Dekker's split instead of fma; both give the exact error.
// The `r*` functions below compute; these `DD` forms wrap them for the code
// that runs a few times per call.
// ---------------------------------------------------------------------------

interface DD {
  hi: number;
  lo: number;
}

const dd = (hi: number, lo = 0): DD => ({ hi, lo });

const SPLITTER = 134217729.0; // 2^27 + 1

function twoProdErr(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  return ahi * bhi - p + ahi * blo + alo * bhi + alo * blo;
}

function ddAdd(a: DD, b: DD): DD {
  rAdd(a.hi, a.lo, b.hi, b.lo);
  return { hi: R[0] as number, lo: R[1] as number };
}

function ddAddD(a: DD, b: number): DD {
  rAddD(a.hi, a.lo, b);
  return { hi: R[0] as number, lo: R[1] as number };
}

function ddNeg(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

function ddMulD(a: DD, b: number): DD {
  rMulD(a.hi, a.lo, b);
  return { hi: R[0] as number, lo: R[1] as number };
}

function ddDiv(a: DD, b: DD): DD {
  rDiv(a.hi, a.lo, b.hi, b.lo);
  return { hi: R[0] as number, lo: R[1] as number };
}

function ddFloor(a: DD): DD {
  const hi = Math.floor(a.hi);
  if (hi === a.hi) {
    const lo = Math.floor(a.lo);
    const q = hi + lo;
    return { hi: q, lo: lo - (q - hi) };
  }
  return { hi, lo: 0 };
}

// ---------------------------------------------------------------------------
// The double-double operations on unboxed registers, for `smirnov`'s O(n)
// sum (a million terms for n = 10^6): each writes its result to `R` (hi, lo)
// instead of allocating a `DD`, and takes its operands as plain numbers, so
// V8 keeps every double unboxed. The operations and their order are those of
// `dd_real.h`.
// ---------------------------------------------------------------------------

/** Result register of the `r*` operations: R[0] = hi, R[1] = lo. */
const R = new Float64Array(2);
/** A second operand register, for {@link rMulQ}. */
const Q = new Float64Array(2);

/** dd + dd (`dd_real.h` `operator+`, the IEEE-style sum) into `R`. */
function rAdd(ahi: number, alo: number, bhi: number, blo: number): void {
  let s1 = ahi + bhi;
  let c = s1 - ahi;
  let s2 = ahi - (s1 - c) + (bhi - c);
  const t1 = alo + blo;
  c = t1 - alo;
  const t2 = alo - (t1 - c) + (blo - c);
  s2 += t1;
  let q = s1 + s2;
  s2 = s2 - (q - s1);
  s1 = q;
  s2 += t2;
  q = s1 + s2;
  R[0] = q;
  R[1] = s2 - (q - s1);
}

/** dd + double (also double + dd: two_sum's error term is symmetric) into `R`. */
function rAddD(ahi: number, alo: number, b: number): void {
  const s1 = ahi + b;
  const c = s1 - ahi;
  let s2 = ahi - (s1 - c) + (b - c);
  s2 += alo;
  const q = s1 + s2;
  R[0] = q;
  R[1] = s2 - (q - s1);
}

/** dd * dd (`dd_real.h` `operator*`) into `R`. */
function rMul(ahi: number, alo: number, bhi: number, blo: number): void {
  const p1 = ahi * bhi;
  let p2 = twoProdErr(ahi, bhi, p1);
  p2 += ahi * blo + alo * bhi;
  const q = p1 + p2;
  R[0] = q;
  R[1] = p2 - (q - p1);
}

/** Q * R into `R`: {@link rMul} with its operands in registers (no doubles passed to a call V8 may not inline). */
function rMulQ(): void {
  rMul(Q[0] as number, Q[1] as number, R[0] as number, R[1] as number);
}

/** dd * double (and double * dd, the same expression in `dd_real.h`) into `R`. */
function rMulD(ahi: number, alo: number, b: number): void {
  const p1 = ahi * b;
  const e1 = twoProdErr(ahi, b, p1);
  const p2 = alo * b;
  const e2 = twoProdErr(alo, b, p2);
  const s = e2 + p2 + e1;
  const q = p1 + s;
  R[0] = q;
  R[1] = s - (q - p1);
}

/** dd / dd (three quotient terms, as `dd_real.h`) into `R`. */
function rDiv(ahi: number, alo: number, bhi: number, blo: number): void {
  let q1 = ahi / bhi;
  rMulD(bhi, blo, q1);
  rAdd(ahi, alo, -R[0], -R[1]);
  let rhi = R[0];
  const rlo = R[1];
  let q2 = rhi / bhi;
  rMulD(bhi, blo, q2);
  rAdd(rhi, rlo, -R[0], -R[1]);
  rhi = R[0];
  const q3 = rhi / bhi;
  const s = q1 + q2;
  q2 = q2 - (s - q1);
  q1 = s;
  rAddD(q1, q2, q3);
}

/**
 * dd `frexp` of the value in `R`, into `R`: the mantissa, with the exponent returned. The operand comes
 * in the register, as for {@link rPowD}.
 */
function rFrexp(): number {
  const ahi = R[0] as number;
  const alo = R[1] as number;
  let e = frexpExp(ahi);
  let man = ldexp(ahi, -e);
  let b1 = ldexp(alo, -e);
  if (Math.abs(man) === 0.5 && man * b1 < 0) {
    man *= 2;
    b1 *= 2;
    e -= 1;
  }
  R[0] = man;
  R[1] = b1;
  return e;
}

/**
 * {@link powD} for m >= 1 of the value in `R`, into `R`. The operand comes in the register, not as
 * arguments: a call V8 does not inline passes doubles boxed, two heap numbers a call (the Smirnov sum
 * makes about twenty such calls a term).
 */
function rPowD(m: number): void {
  const ahi = R[0] as number;
  const alo = R[1] as number;
  if (ahi === 0 && alo === 0) {
    R[0] = 0;
    R[1] = 0;
    return;
  }
  const ans = ahi ** m;
  const r = alo / ahi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) {
      adj += m * r * (((m - 1) / 2.0) * r);
    } else {
      adj = Math.expm1(m * Math.log1p(r));
    }
  }
  rAddD(ans, 0, ans * adj);
}

/**
 * xsf `pow2Scaled_D` (a^m = significand * 2^exponent) for m >= 1 of the value in `R`, the significand
 * into `R`; returns the exponent, truncated to 32 bits as the `Int32Array` out-parameter (and xsf's
 * `int`) stores it. The operand comes in the register, as for {@link rPowD}.
 */
function rPow2ScaledD(m: number): number {
  const yE = rFrexp();
  const yhi = R[0] as number;
  const ylo = R[1] as number;
  if (m === 1) return yE;
  let maxExpt = SM_MAX_EXPONENT;
  if ((m * (yhi - 1)) / yhi < -SM_MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(yhi) / Math.LN2;
    const lgAns = m * lg2y;
    if (lgAns <= -SM_MAX_EXPONENT) {
      maxExpt = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / lg2y + 1) / 2);
    }
  }
  if (m <= maxExpt) {
    rPowD(m);
    const e = rFrexp();
    return (e + m * yE) | 0;
  }
  // y^m = (y^maxExpt)^q * y^r
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  let y2rE = 0;
  let y2rhi = 1;
  let y2rlo = 0;
  if (r > 0) {
    R[0] = yhi;
    R[1] = ylo;
    y2rE = rPow2ScaledD(r);
    y2rhi = R[0] as number;
    y2rlo = R[1] as number;
  }
  R[0] = yhi;
  R[1] = ylo;
  const y2mE = rPow2ScaledD(maxExpt);
  let y2mqE = rPow2ScaledD(q);
  Q[0] = y2rhi;
  Q[1] = y2rlo;
  rMulQ();
  let ansE = rFrexp();
  y2mqE = (y2mqE + y2mE * q) | 0;
  ansE = (ansE + y2mqE + y2rE) | 0;
  ansE = (ansE + m * yE) | 0;
  return ansE;
}

// ---------------------------------------------------------------------------
// Kolmogorov: limiting two-sided distribution (scipy.special.kolmogorov).
// ---------------------------------------------------------------------------

const KOLMOG_CUTOVER = 0.82;
const MIN_EXPABLE = -708 - 38;
const SQRT_2PI = 2.5066282746310002; // std::sqrt(2 * M_PI)

/**
 * Survival function of the limiting Kolmogorov distribution,
 * P(sqrt(n) D_n > x) as n -> inf; reproduces `scipy.special.kolmogorov(x)`
 * (= `scipy.stats.kstwobign.sf(x)`).
 */
export function kolmogorov(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x <= Math.PI / Math.sqrt(-MIN_EXPABLE * 8)) return 1;
  let sf: number;
  if (x <= KOLMOG_CUTOVER) {
    // P = w u (1 + u^8 + u^24 + u^48 + ...), u = exp(-pi^2 / 8x^2), w = sqrt(2 pi)/x
    const w = SQRT_2PI / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logu8 / 8);
    let P: number;
    if (u === 0) {
      P = Math.exp(logu8 / 8 + Math.log(w));
    } else {
      const u8 = Math.exp(logu8);
      const u8cub = u8 ** 3;
      P = 1 + u8cub * 1;
      P = 1 + u8 * u8 * P;
      P = 1 + u8 * P;
      P = w * u * P;
    }
    sf = 1 - P;
  } else {
    // P = 2 v (1 - v^3 (1 - v^5 (1 - v^7 ...))), v = exp(-2x^2)
    const v = Math.exp(-2 * x * x);
    const vsq = v * v;
    const v3 = v ** 3;
    let P = 1 - v3 * v3 * v * 1;
    P = 1 - v3 * vsq * P;
    P = 1 - v3 * P;
    sf = 2 * v * P;
  }
  return Math.min(Math.max(sf, 0), 1);
}

// ---------------------------------------------------------------------------
// Smirnov: exact one-sided distribution (scipy.special.smirnov).
// ---------------------------------------------------------------------------

const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const SM_MAX_EXPONENT = 960;
const MINLOG = -745.1332191019412; // log(2^-1075)
const DBL_EPSILON = 2.220446049250313e-16;

/** xsf `pow_D`: a^m in double-double, trading accuracy for speed via std::pow. */
function powD(a: DD, m: number): DD {
  if (m <= 0) {
    if (m === 0) return dd(1);
    return ddDiv(dd(1), powD(a, -m));
  }
  R[0] = a.hi;
  R[1] = a.lo;
  rPowD(m);
  return { hi: R[0] as number, lo: R[1] as number };
}

/** xsf `pow2(a, b, m)` = (a + b)^m. */
function pow2(a: number, b: number, m: number): number {
  return powD(ddAddD(dd(a), b), m).hi;
}

/** xsf `nextPowerOf2`. */
function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53);
  let L = Math.abs(q + x);
  if (L === 0) {
    L = Math.abs(x);
  } else {
    const Lint = Math.trunc(L);
    if (Lint === L) L = Lint;
  }
  return L;
}

/** xsf `pow4_D`: ((a + b)/(c + d))^m. */
function pow4D(a: number, b: number, c: number, d: number, m: number): DD {
  if (m <= 0) {
    if (m === 0) return dd(1);
    return pow4D(c, d, a, b, -m);
  }
  const A = ddAddD(dd(a), b);
  const C = ddAddD(dd(c), d);
  if (A.hi === 0 && A.lo === 0) {
    return C.hi === 0 && C.lo === 0 ? dd(Number.NaN, Number.NaN) : dd(0);
  }
  if (C.hi === 0 && C.lo === 0) {
    const inf = A.hi < 0 || (A.hi === 0 && A.lo < 0) ? -Infinity : Infinity;
    return dd(inf, inf);
  }
  return powD(ddDiv(A, C), m);
}

/** Terms per block of the Smirnov sum: the unit of work the worker thread shares (see smirnovBlocks.ts). */
const SMIRNOV_BLOCK = 4096;

/**
 * When `smirnov` shares its sum with a worker thread: from `minTerms` terms (about 0.15 s of work
 * here; starting a worker costs ~0.03 s). `workerUrl`: the compiled worker module, looked up on first
 * use when undefined (there is none when running from TypeScript source); null never uses a worker.
 * Tests change these to compare the two paths.
 */
export const smirnovParallel: { minTerms: number; workerUrl: URL | null | undefined; stallMs: number } = {
  minTerms: 50_000,
  workerUrl: undefined,
  stallMs: 10_000,
};

function smirnovWorkerUrl(): URL | null {
  if (smirnovParallel.workerUrl === undefined) smirnovParallel.workerUrl = findSmirnovWorker() ?? null;
  return smirnovParallel.workerUrl;
}

/**
 * Starts the worker thread that a `smirnov(n, x, threads)` sum would share its work with, before the sum,
 * so that its start-up overlaps the caller's other work; nothing when such a sum stays on this thread.
 */
export function warmSmirnov(n: number, threads?: number): void {
  if (threads === 1 || n - 1 < smirnovParallel.minTerms) return;
  const url = smirnovWorkerUrl();
  if (url !== null) warmBlockWorker(url);
}

// Words of the running sum's state (a Float64Array, so the doubles stay unboxed between blocks).
const cHi = 0;
const cLo = 1;
const cExp = 2;
const sumHi = 3;
const sumLo = 4;
const SUM_WORDS = 5;

/** C(n, j+1) = C(n, j) (n - j)/(j + 1), as xsf's `updateBinomial`. */
function updateBinomial(S: Float64Array, n: number, j: number): void {
  rDiv(n - j, 0, j + 1.0, 0);
  rMul(S[cHi], S[cLo], R[0], R[1]);
  S[cExp] += rFrexp();
  S[cHi] = R[0];
  S[cLo] = R[1];
}

/**
 * The power part of the Smirnov terms j in [from, to), v = start + j step:
 * (x + v/n)^(v-1) (1 - x - v/n)^(n-v) as a double-double significand and a binary exponent, at index j - offset.
 */
export function smirnovPowerParts(
  n: number,
  x: number,
  start: number,
  step: number,
  from: number,
  to: number,
  hi: Float64Array,
  lo: Float64Array,
  exps: Float64Array,
  offset: number,
): void {
  for (let j = from; j < to; j++) {
    const v = start + j * step;
    rDiv(n - v, 0, n, 0);
    rAddD(R[0], R[1], -x);
    const t2E = rPow2ScaledD(n - v);
    const t2hi = R[0];
    const t2lo = R[1];
    rDiv(v, 0, n, 0);
    rAddD(R[0], R[1], x);
    let t1E = 0;
    let t1hi = 1;
    let t1lo = 0;
    if (v - 1 > 0) {
      t1E = rPow2ScaledD(v - 1);
      t1hi = R[0];
      t1lo = R[1];
    }
    rMul(t1hi, t1lo, t2hi, t2lo);
    hi[j - offset] = R[0];
    lo[j - offset] = R[1];
    exps[j - offset] = t1E + t2E;
  }
}

/**
 * Adds the terms j in [from, to) to the running sum, in order: A_v = C(n, v) times the power part,
 * with xsf's stopping rule. Returns true when the sum is complete.
 */
function addTerms(
  n: number,
  nTerms: number,
  vmid: number,
  from: number,
  to: number,
  hi: Float64Array,
  lo: Float64Array,
  exps: Float64Array,
  offset: number,
  S: Float64Array,
): boolean {
  for (let j = from; j < to; j++) {
    rMul(hi[j - offset], lo[j - offset], S[cHi], S[cLo]);
    const e = S[cExp] + exps[j - offset];
    const ajHi = ldexp(R[0], e);
    const ajLo = ldexp(R[1], e);
    const ajZero = ajHi === 0 && ajLo === 0;
    if (Number.isFinite(ajHi) && !ajZero) {
      rAdd(S[sumHi], S[sumLo], ajHi, ajLo);
      S[sumHi] = R[0];
      S[sumLo] = R[1];
    }
    if (!ajZero) {
      if (4 * (nTerms - j) * Math.abs(ajHi) < DBL_EPSILON * S[sumHi] && j !== nTerms - 1) return true;
    } else if (j > vmid) {
      return true;
    }
    updateBinomial(S, n, j);
  }
  return false;
}

/** The sum on this thread alone, a block at a time. */
function sumSequential(n: number, x: number, start: number, step: number, nTerms: number, vmid: number, S: Float64Array): void {
  const size = Math.min(SMIRNOV_BLOCK, nTerms - 1);
  const hi = new Float64Array(size);
  const lo = new Float64Array(size);
  const exps = new Float64Array(size);
  for (let from = 1; from < nTerms; from += size) {
    const to = Math.min(from + size, nTerms);
    smirnovPowerParts(n, x, start, step, from, to, hi, lo, exps, from);
    if (addTerms(n, nTerms, vmid, from, to, hi, lo, exps, from, S)) return;
  }
}

/**
 * The sum with a worker thread computing power parts beside this one: this thread adds the blocks in
 * order as they are done, and claims the next block to compute whenever the one it needs is not done.
 */
function sumWithWorker(views: SmirnovBlockViews, vmid: number, S: Float64Array): void {
  const { job } = views;
  let stalled = false;
  try {
    for (let b = 0; b < views.blocks; b++) {
      while (Atomics.load(views.flags, b) !== 1) {
        const claimed = claimBlock(views);
        if (claimed >= 0) computeBlock(views, claimed, smirnovPowerParts);
        else if (!awaitBlock(views, b, smirnovParallel.stallMs)) {
          stalled ||= Atomics.load(views.control, blockWord.failed) !== 1;
          computeBlock(views, b, smirnovPowerParts);
        }
      }
      const from = 1 + b * job.blockSize;
      const to = Math.min(from + job.blockSize, job.nTerms);
      if (addTerms(job.n, job.nTerms, vmid, from, to, views.hi, views.lo, views.exps, 1, S)) return;
    }
  } finally {
    Atomics.store(views.control, blockWord.stop, 1);
    endBlockJob(job);
    // A worker that stalled may hang: the next sum starts a fresh one.
    if (stalled) dropBlockWorker();
  }
}

/** Survival function and CDF of the one-sided statistic. */
interface SmirnovProbs {
  readonly sf: number;
  readonly cdf: number;
}

/** A result now, as the thunk the deferred forms return. */
const now =
  <T>(value: T): (() => T) =>
  () =>
    value;

/**
 * Smirnov survival function and CDF (xsf `_smirnov`, without the PDF), in two steps: the returned
 * function gives the result. An O(n) sum shared with a worker thread is handed to the worker here, and
 * joined when the result is asked for, so the caller can do other work meanwhile (see {@link kstwoSfDeferred}).
 */
function smirnovProbsDeferred(n: number, x: number, threads?: number): () => SmirnovProbs {
  if (!(n > 0 && x >= 0.0 && x <= 1.0)) return now({ sf: Number.NaN, cdf: Number.NaN });
  if (n === 1) return now({ sf: 1 - x, cdf: x });
  if (x === 0.0) return now({ sf: 1.0, cdf: 0.0 });
  if (x === 1.0) return now({ sf: 0.0, cdf: 1.0 });

  // modNX: floor(n x) and its remainder, computed exactly in double-double.
  const nxD = ddMulD(dd(x), n);
  const nxfloorD = ddFloor(nxD);
  const alphaD = ddSub(nxD, nxfloorD);
  let alpha = alphaD.hi;
  let nxfl = Math.trunc(nxfloorD.hi);
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }

  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  let sf: number;
  let cdf: number;
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x <= 1/n
    const t = pow2(1, x, n - 1);
    cdf = x * t;
    sf = 1 - cdf;
    return now({ sf, cdf });
  }
  if (-2 * n * x * x < MINLOG) return now({ sf: 0, cdf: 1 });
  if (nxfl >= n - 1) {
    sf = pow2(1, -x, n);
    return now({ sf, cdf: 1 - sf });
  }
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    // p ~ e^(-(6nx+1)^2 / 18n)
    const logp = -((6.0 * n * x + 1) ** 2) / 18.0 / n;
    if (logp < -Math.LN2) {
      sf = Math.exp(logp);
      cdf = 1 - sf;
    } else {
      cdf = -Math.expm1(logp);
      sf = 1 - cdf;
    }
    return now({ sf, cdf });
  }

  // Upper sum only when it has few terms (it alternates in sign).
  const nUpperTerms = n - n1mxceil + 1;
  let bUseUpperSum = nUpperTerms <= 1 && x < 0.5;
  bUseUpperSum = bUseUpperSum || (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = Math.trunc(n / 2);
  let Aj: DD;
  let AjSum = dd(0);
  if (bUseUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    Aj = pow4D(1, x, 1, 0, n - 1);
  } else {
    const t2 = pow4D(1, -x, 1, 0, n);
    Aj = ddDiv(t2, dd(x));
  }
  AjSum = ddAdd(AjSum, Aj);

  // The O(n) part, on unboxed registers (see `rAdd`): the binomial coefficient C(n, v) is kept as
  // (mantissa, exponent) and updated by C(n, j+1) = C(n, j) (n - j)/(j + 1). Each sum has its own state:
  // another may run between this one's start and its end.
  const S = new Float64Array(SUM_WORDS);
  S[cHi] = 1;
  S[cLo] = 0;
  S[cExp] = 0;
  S[sumHi] = AjSum.hi;
  S[sumLo] = AjSum.lo;
  updateBinomial(S, n, 0);
  const result = (): SmirnovProbs => {
    const prob = ddMulD({ hi: S[sumHi] as number, lo: S[sumLo] as number }, x).hi;
    const [c, f] = step < 0 ? [prob, 1 - prob] : [1 - prob, prob];
    return { sf: Math.min(Math.max(f, 0), 1), cdf: Math.min(Math.max(c, 0), 1) };
  };
  if (nTerms <= 1) return now(result());
  const url = threads !== 1 && nTerms - 1 >= smirnovParallel.minTerms ? smirnovWorkerUrl() : null;
  if (url === null) {
    return () => {
      sumSequential(n, x, start, step, nTerms, vmid, S);
      return result();
    };
  }
  const job = newSmirnovBlocksJob(n, x, start, step, nTerms, SMIRNOV_BLOCK, url);
  const views = smirnovBlockViews(job);
  if (!postBlockJob(job)) Atomics.store(views.control, blockWord.failed, 1);
  return () => {
    sumWithWorker(views, vmid, S);
    return result();
  };
}

/**
 * Survival function of the one-sided Kolmogorov–Smirnov statistic,
 * P(D_n^+ >= x); reproduces `scipy.special.smirnov(n, x)`.
 * @param n sample size, a positive integer
 * @param x statistic in [0, 1] (NaN outside)
 * @param threads 1 keeps the work on this thread; otherwise a sum of 50 000 terms or more shares it with a
 *   worker thread (the same result to the bit)
 */
export function smirnov(n: number, x: number, threads?: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return smirnovProbsDeferred(n, x, threads)().sf;
}

// ---------------------------------------------------------------------------
// kolmogn: finite-n two-sided distribution (scipy/stats/_ksstats.py).
// ---------------------------------------------------------------------------

const E128 = 128;
const EP128 = pow2i(128);
const EM128 = pow2i(-128);
// NumPy's values (glibc pow/log); V8's Math.pow may differ in the last bit.
const SQRT2PI = 2.5066282746310002;
const LOG_2PI = 1.8378770664093453;
const MIN_LOG = -708;
const SQRT3 = 1.7320508075688772;
const PI_SQUARED = 9.869604401089358;
const PI_FOUR = 97.40909103400242;
const PI_SIX = 961.3891935753043;
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

function clip01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

function select(cdfprob: number, sfprob: number, cdf: boolean): number {
  return clip01(cdf ? cdfprob : sfprob);
}

/** log(n!/n^n) by Stirling's series (`_log_nfactorial_div_n_pow_n`). */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1.0 / n;
  const z = rn / n;
  let y = 0;
  for (const c of STIRLING_COEFFS) y = y * z + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * y;
}

function matmul(A: Float64Array, B: Float64Array, m: number): Float64Array {
  const C = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ci = i * m;
    for (let l = 0; l < m; l++) {
      const a = A[ci + l];
      if (a === 0) continue;
      const bl = l * m;
      for (let j = 0; j < m; j++) C[ci + j] += a * B[bl + j];
    }
  }
  return C;
}

/**
 * Pr(D_n <= d) by Durbin's matrix method as organised by Marsaglia, Tsang &
 * Wang (2003); `_kolmogn_DMTW`.
 */
function kolmognDMTW(n: number, d: number, cdf: boolean): number {
  if (d >= 1.0) return select(1.0, 0.0, cdf);
  const nd = n * d;
  if (nd <= 0.5) return select(0.0, 1.0, cdf);
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  for (let j = 1; j <= m; j++) v[j - 1] = 1.0 - h ** j;
  let fac = 1.0;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = Math.max(2 * h - 1.0, 0) ** m - 2 * h ** m;
  v[m - 1] = (1.0 + tt) * fac;

  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  let Hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (Math.abs(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }

  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return select(p, 1.0 - p, cdf);
}

function pomeranzJ1J2(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Python slice bounds [s:e] on a sequence of length L. */
function pySlice(s: number, e: number, L: number): [number, number] {
  const a = s < 0 ? Math.max(s + L, 0) : Math.min(s, L);
  let b = e < 0 ? Math.max(e + L, 0) : Math.min(e, L);
  if (b < a) b = a;
  return [a, b];
}

/** Pr(D_n <= x) by the Pomeranz (1974) recursion; `_kolmogn_Pomeranz`. */
function kolmognPomeranz(n: number, x: number, cdf: boolean): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = 1.0 * (t - ll);
  const g = Math.min(f, 1.0 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1.0;
  twogpower[0] = 1.0;
  onem2gpower[0] = 1.0;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }

  let V0: Float64Array = new Float64Array(npwrs);
  let V1: Float64Array = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    const tmpV = V0;
    V0 = V1;
    V1 = tmpV;
    const tmpS = V0s;
    V0s = V1s;
    V1s = tmpS;
    V1.fill(0.0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = np.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]) (full mode)
      const [aLo, aHi] = pySlice(k1 - V0s, k1 - V0s + ln2, npwrs);
      const [, bHi] = pySlice(0, ln2, npwrs);
      const la = aHi - aLo;
      const lb = bHi;
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let vmax = -Infinity;
      for (let c = 0; c < convLen; c++) {
        const idx = convStart + c;
        let s = 0;
        const lo = Math.max(0, idx - lb + 1);
        const hi = Math.min(la - 1, idx);
        for (let a = lo; a <= hi; a++) s += V0[aLo + a] * pwrs[idx - a];
        V1[c] = s;
      }
      for (let c = 0; c < npwrs; c++) if (V1[c] > vmax) vmax = V1[c];
      if (vmax > 0 && vmax < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }

  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return select(ans, 1.0 - ans, cdf);
}

/**
 * Pelz–Good (1976) asymptotic expansion of Pr(D_n <= x) in powers of
 * 1/sqrt(n); `_kolmogn_PelzGood`.
 */
function kolmognPelzGood(n: number, x: number, cdf: boolean): number {
  if (x <= 0.0) return select(0.0, 1.0, cdf);
  if (x >= 1.0) return select(1.0, 0.0, cdf);
  const z = Math.sqrt(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;

  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return select(0.0, 1.0, cdf);
  let q = Math.exp(qlog);

  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = ((2 * zfour - 5 * zsquared) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * zsquared)) / 16;
  const k3d = (PI_SIX * (5 - 30 * zsquared)) / 64;
  const k3c = (PI_FOUR * (-60 * zsquared + 212 * zfour)) / 16;
  const k3b = (PI_SQUARED * (135 * zfour - 96 * zsix)) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;

  let K0 = 0;
  let K1 = 0;
  let K2 = 0;
  let K3 = 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    K0 = K0 * qpower + 1.0;
    K1 = K1 * qpower + (k1a + k1b * msquared);
    K2 = K2 * qpower + (k2a + k2b * msquared + k2c * mfour);
    K3 = K3 * qpower + (k3a + k3b * msquared + k3c * mfour + k3d * msix);
  }
  K0 = (K0 * q * SQRT2PI) / z;
  K1 = (K1 * q * SQRT2PI) / (6 * zfour);
  K2 = (K2 * q * SQRT2PI) / (72 * z ** 7);
  K3 = (K3 * q * SQRT2PI) / (6480 * z ** 10);

  q = Math.exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  const t2 = new Float64Array(maxk);
  const t3 = new Float64Array(maxk);
  for (let idx = 0; idx < maxk; idx++) {
    const ks = maxk - idx;
    const ksquared = ks ** 2;
    const kspi = Math.PI * ks;
    const qpwer = q ** ksquared;
    t2[idx] = ksquared * qpwer;
    t3[idx] = (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
  }
  let k2extra = pairwiseSum(t2, 0, maxk);
  k2extra *= (PI_SQUARED * SQRT2PI) / (-36 * zthree);
  K2 += k2extra;
  let k3extra = pairwiseSum(t3, 0, maxk);
  k3extra *= (PI_SQUARED * SQRT2PI) / (216 * zsix);
  K3 += k3extra;
  const nf = n * 1.0;
  K1 /= nf ** 0.5;
  K2 /= nf ** 1.0;
  K3 /= nf ** 1.5;
  if (!cdf) {
    K0 = -K0 + 1;
    K1 = -K1;
    K2 = -K2;
    K3 = -K3;
  }
  return 0 + K0 + K1 + K2 + K3;
}

/**
 * CDF (or SF when `cdf` is false) of the two-sided one-sample KS statistic
 * D_n; reproduces `scipy.stats._ksstats._kolmogn(n, x, cdf)`, i.e.
 * `scipy.stats.kstwo.cdf(x, n)` / `.sf(x, n)` inside the support.
 * @param n sample size, a positive integer (NaN otherwise)
 * @param threads see {@link smirnov}
 */
export function kolmogn(n: number, x: number, cdf = true, threads?: number): number {
  return kolmognDeferred(n, x, cdf, threads)();
}

/** {@link kolmogn} in two steps, as {@link kstwoSfDeferred}. */
function kolmognDeferred(n: number, x: number, cdf: boolean, threads?: number): () => number {
  if (Number.isNaN(n) || Number.isNaN(x)) return now(Number.NaN);
  if (!Number.isInteger(n) || n <= 0) return now(Number.NaN);
  if (x >= 1.0) return now(select(1.0, 0.0, cdf));
  if (x <= 0.0) return now(select(0.0, 1.0, cdf));
  const t = n * x;
  if (t <= 1.0) {
    // Ruben–Gambino: 1/2n <= x <= 1/n
    if (t <= 0.5) return now(select(0.0, 1.0, cdf));
    let prob: number;
    if (n <= 140) {
      prob = 1;
      const c = 2 * t - 1;
      for (let i = 1; i <= n; i++) prob *= i * (1.0 / n) * c;
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return now(select(prob, 1.0 - prob, cdf));
  }
  if (t >= n - 1) {
    // Ruben–Gambino: 1 - 1/n <= x < 1
    const prob = 2 * (1.0 - x) ** n;
    return now(select(1 - prob, prob, cdf));
  }
  // 2 smirnov(n, x), later.
  const twiceSmirnov = (): (() => number) => {
    const one = smirnovProbsDeferred(n, x, threads);
    return () => 2 * one().sf;
  };
  if (x >= 0.5) {
    // Exact: the two one-sided tails cannot overlap.
    const prob = twiceSmirnov();
    return () => {
      const p = prob();
      return select(1.0 - p, p, cdf);
    };
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob = kolmognDMTW(n, x, true);
      return now(select(prob, 1.0 - prob, cdf));
    }
    if (nxsquared <= 4) {
      const prob = kolmognPomeranz(n, x, true);
      return now(select(prob, 1.0 - prob, cdf));
    }
    const prob = twiceSmirnov();
    return () => {
      const p = prob();
      return select(1.0 - p, p, cdf);
    };
  }
  if (!cdf) {
    if (nxsquared >= 370.0) return now(0.0);
    if (nxsquared >= 2.2) {
      const prob = twiceSmirnov();
      return () => clip01(prob());
    }
  }
  let cdfprob: number;
  if (nxsquared >= 18.0) cdfprob = 1.0;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x, true);
  else cdfprob = kolmognPelzGood(n, x, true);
  return now(select(cdfprob, 1.0 - cdfprob, cdf));
}

/**
 * Survival function of the exact two-sided KS distribution with its support
 * handling; reproduces `scipy.stats.kstwo.sf(d, n)`: 1 for d <= 1/(2n),
 * 0 for d >= 1, NaN for a non-integer or non-positive n. `threads`: see {@link smirnov}.
 */
export function kstwoSf(d: number, n: number, threads?: number): number {
  return kstwoSfDeferred(d, n, threads)();
}

/**
 * {@link kstwoSf} in two steps: the returned function gives the value. When the value needs an O(n)
 * Smirnov sum shared with a worker thread, the worker starts on it here and the caller joins it when
 * it asks for the value, so work done in between (a drift engine's other columns) overlaps the sum.
 * The value is {@link kstwoSf}'s to the bit.
 */
export function kstwoSfDeferred(d: number, n: number, threads?: number): () => number {
  if (Number.isNaN(d) || Number.isNaN(n) || !(n >= 1) || !Number.isInteger(n)) return now(Number.NaN);
  if (d <= 0.5 / n) return now(1);
  if (d >= 1) return now(0);
  return kolmognDeferred(n, d, false, threads);
}
