import { radixSortFloat64 } from '@driftwatch/core';

/** Buckets of the counting pass, about: 2^16 counters per side, a few hundred KB that stay in cache. */
const targetBuckets = 1 << 16;
/** Bins of the first pass: one per sign and exponent (the key's top 12 bits). */
const bins = 4096;
/** The first pass counts every 16th value: enough to share the buckets out. */
const binStride = 16;
/** Values to collect and sort above which single-value candidates are weeded out first (one more pass). */
const fewValues = 1 << 16;
/** Whether {@link ksStatisticUnsorted} can read the high words of doubles (little-endian memory). */
export const canCountUnsorted = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The two-sample KS statistic sup |F_a − F_b| of unsorted samples, without sorting them: the same
 * value, to the bit, as the merge walk over sorted copies in `ks2samp` (the largest
 * |i/n1 − j/n2| over the distinct values, where i and j count the values ≤ each).
 *
 * The values are counted into ~2^16 buckets by the order-preserving high word of their bits: a
 * first pass counts them per sign and exponent, and each exponent then gets buckets in proportion
 * to its values (the top bits of the mantissa), so the buckets follow the data on any scale. A
 * bucket never splits a value (−0 and +0 share one), which gives the ECDFs exactly at every
 * bucket's end. Inside a bucket the difference lies between its value at the bucket's start with
 * all of the bucket's `a` values added and with all of its `b` values added (division and
 * subtraction are monotone in IEEE arithmetic, so the bounds hold for the computed doubles too),
 * and a bucket of one value has no inside; only buckets whose bounds exceed the best value at the
 * bucket ends can hold the maximum, and only their values are collected, sorted and walked. On
 * continuous data or integers that is a few buckets of a few values: four passes over the samples
 * instead of sorting them. Data whose values differ only in the low word (a range narrower than
 * about 2^-20 of its magnitude) falls into few buckets and costs a sort of theirs, never a wrong
 * answer.
 *
 * Preconditions: both samples non-empty, no NaN (±Infinity are fine); {@link canCountUnsorted}.
 */
export function ksStatisticUnsorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  const byInteger = integerStatistic(a, b);
  if (byInteger >= 0) return byInteger;
  const wa = highWords(a);
  const wb = highWords(b);
  const layout = bucketLayout(wa, wb);
  const ca = new Int32Array(layout.buckets);
  const cb = new Int32Array(layout.buckets);
  countBuckets(wa, layout, ca);
  countBuckets(wb, layout, cb);
  // The exact difference at each non-empty bucket's end (its largest value is a data point).
  const best = largestEndDifference(ca, cb, n1, n2);
  const found = candidateBuckets(ca, cb, n1, n2, best);
  if (found.collectA + found.collectB > fewValues) {
    // Many values to sort: first drop the candidates of a single value (integers, ties), which have no inside.
    dropSingleValued(a, b, wa, wb, layout, found, ca, cb);
  }
  if (found.collectA + found.collectB === 0) return best;
  const [kLo, kHi] = candidateKeys(layout, found.candidate);
  const va = collect(a, wa, layout, found.candidate, found.collectA, kLo, kHi);
  const vb = collect(b, wb, layout, found.candidate, found.collectB, kLo, kHi);
  radixSortFloat64(va);
  radixSortFloat64(vb);
  const wx = highWords(va);
  const wy = highWords(vb);
  return walkCandidateBuckets(
    va,
    vb,
    n1,
    n2,
    (p) => bucketOf(wx[2 * p + 1] as number, layout),
    (q) => bucketOf(wy[2 * q + 1] as number, layout),
    found.startA,
    found.startB,
    best,
  );
}

/** Which bucket a high word falls in: its bin's first bucket plus its mantissa's top bits. */
interface BucketLayout {
  /** Per bin (sign and exponent): its first bucket. */
  readonly base: Int32Array;
  /** Per bin: how many low bits of the 20 mantissa bits of the high word its buckets drop. */
  readonly drop: Int32Array;
  readonly buckets: number;
}

/**
 * Buckets for both samples' high words: each bin gets buckets in proportion to its share of a sample
 * of the values (every {@link binStride}-th), a power of two of them; a bin the sample missed gets one.
 */
function bucketLayout(wa: Uint32Array, wb: Uint32Array): BucketLayout {
  const perBin = new Int32Array(bins);
  countBins(wa, perBin);
  countBins(wb, perBin);
  let sampled = 0;
  for (let e = 0; e < bins; e++) sampled += perBin[e] as number;
  const base = new Int32Array(bins);
  const drop = new Int32Array(bins);
  let buckets = 0;
  for (let e = 0; e < bins; e++) {
    const c = perBin[e] as number;
    const bits = c === 0 ? 0 : Math.min(20, Math.max(0, Math.ceil(Math.log2((c * targetBuckets) / Math.max(sampled, 1)))));
    base[e] = buckets;
    drop[e] = 20 - bits;
    buckets += 2 ** bits;
  }
  return { base, drop, buckets };
}

/** The buckets that may hold the maximum, with each bucket's counts before it and the values to collect. */
export interface Candidates {
  readonly candidate: Uint8Array;
  readonly startA: Int32Array;
  readonly startB: Int32Array;
  collectA: number;
  collectB: number;
}

/**
 * The buckets whose inside may exceed `best`: both sides present, and the difference at the bucket's
 * start with all of its `a` values added (or all of its `b` values) beyond `best`. `space` (at least
 * as long as the counts) is working space to use instead of new arrays.
 */
export function candidateBuckets(
  ca: Int32Array,
  cb: Int32Array,
  n1: number,
  n2: number,
  best: number,
  space?: { readonly candidate: Uint8Array; readonly startA: Int32Array; readonly startB: Int32Array },
): Candidates {
  const buckets = ca.length;
  const found: Candidates = space
    ? {
        candidate: space.candidate.subarray(0, buckets).fill(0),
        startA: space.startA.subarray(0, buckets),
        startB: space.startB.subarray(0, buckets),
        collectA: 0,
        collectB: 0,
      }
    : { candidate: new Uint8Array(buckets), startA: new Int32Array(buckets), startB: new Int32Array(buckets), collectA: 0, collectB: 0 };
  let i = 0;
  let j = 0;
  for (let k = 0; k < buckets; k++) {
    const c1 = ca[k] as number;
    const c2 = cb[k] as number;
    found.startA[k] = i;
    found.startB[k] = j;
    if (c1 > 0 && c2 > 0) {
      const upper = (i + c1) / n1 - j / n2;
      const lower = i / n1 - (j + c2) / n2;
      if (upper > best || -lower > best) {
        found.candidate[k] = 1;
        found.collectA += c1;
        found.collectB += c2;
      }
    }
    i += c1;
    j += c2;
  }
  return found;
}

/** Unmarks the candidates that hold a single value over both samples (one more pass over each). */
function dropSingleValued(
  a: Float64Array,
  b: Float64Array,
  wa: Uint32Array,
  wb: Uint32Array,
  layout: BucketLayout,
  found: Candidates,
  ca: Int32Array,
  cb: Int32Array,
): void {
  const first = new Float64Array(layout.buckets);
  const mixed = new Uint8Array(layout.buckets);
  const seen = new Uint8Array(layout.buckets);
  noteMixed(a, wa, layout, found.candidate, first, mixed, seen);
  noteMixed(b, wb, layout, found.candidate, first, mixed, seen);
  found.collectA = 0;
  found.collectB = 0;
  for (let k = 0; k < layout.buckets; k++) {
    if (found.candidate[k] !== 1) continue;
    if (mixed[k] === 0) found.candidate[k] = 0;
    else {
      found.collectA += ca[k] as number;
      found.collectB += cb[k] as number;
    }
  }
}

/** The smallest and largest keys the candidate buckets span (a cheap test before the bucket's own). */
function candidateKeys(layout: BucketLayout, candidate: Uint8Array): [number, number] {
  const { base, drop, buckets } = layout;
  let kLo = 0xffffffff;
  let kHi = 0;
  for (let e = 0; e < bins; e++) {
    const end = e + 1 < bins ? (base[e + 1] as number) : buckets;
    const width = 2 ** (drop[e] as number);
    for (let k = base[e] as number; k < end; k++) {
      if (candidate[k] !== 1) continue;
      const from = e * 2 ** 20 + (k - (base[e] as number)) * width;
      kLo = Math.min(kLo, from);
      kHi = Math.max(kHi, from + width - 1);
    }
  }
  return [kLo, kHi];
}

/** Widest range (max − min) of integer samples counted per value: 2^20 counters per side. */
const integerMaxRange = 1 << 20;

/**
 * The statistic of two samples of integers (no −0) within a range of at most {@link integerMaxRange}
 * and the samples' total size, from their counts per value (ages, scores, counts); −1 when they are not
 * such samples (the first value that is not stops the check).
 */
function integerStatistic(a: Float64Array, b: Float64Array): number {
  let min = a[0] as number;
  let max = min;
  for (const v of [a, b]) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      if (x !== Math.trunc(x) || (x === 0 && 1 / x < 0)) return -1;
      if (x < min) min = x;
      else if (x > max) max = x;
    }
  }
  const range = max - min;
  if (!(range <= integerMaxRange && range <= a.length + b.length)) return -1;
  const ca = new Int32Array(range + 1);
  const cb = new Int32Array(range + 1);
  for (let i = 0; i < a.length; i++) ca[(a[i] as number) - min]++;
  for (let i = 0; i < b.length; i++) cb[(b[i] as number) - min]++;
  return largestEndDifference(ca, cb, a.length, b.length);
}

/**
 * The largest |i/n1 − j/n2| where i and j count the values of `a` and `b` up to the end of each
 * non-empty cell of their counts `ca`, `cb` (cells in ascending order of value).
 */
export function largestEndDifference(ca: Int32Array, cb: Int32Array, n1: number, n2: number): number {
  let i = 0;
  let j = 0;
  let d = 0;
  for (let k = 0; k < ca.length; k++) {
    const c1 = ca[k] as number;
    const c2 = cb[k] as number;
    if (c1 + c2 === 0) continue;
    i += c1;
    j += c2;
    const diff = i / n1 - j / n2;
    const abs = diff < 0 ? -diff : diff;
    if (abs > d) d = abs;
  }
  return d;
}

/** The high (sign and exponent) words of `values`' bits, as a view. */
function highWords(values: Float64Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
}

/**
 * The order-preserving key of a double's high word `w`: the sign bit set for non-negative values,
 * negative ones negated (two's complement, so −0 and +0 both map to 2^31).
 */
function key(w: number): number {
  // Branch-free (data of both signs would mispredict): s = 1 for negative, the word then ~w + 1.
  const s = w >>> 31;
  return ((w ^ (-s | 0x80000000)) + s) >>> 0;
}

/** Counts every `binStride`-th high word of `w` per bin (sign and exponent: the key's top 12 bits). */
function countBins(w: Uint32Array, perBin: Int32Array): void {
  for (let i = 1; i < w.length; i += 2 * binStride) perBin[key(w[i] as number) >>> 20]++;
}

/** The bucket of high word `w`: its bin's first bucket plus the top bits of its mantissa. */
function bucketOf(w: number, layout: BucketLayout): number {
  const k = key(w);
  const e = k >>> 20;
  return (layout.base[e] as number) + ((k & 0xfffff) >>> (layout.drop[e] as number));
}

/** Counts the high words `w` per bucket into `counts`. */
function countBuckets(w: Uint32Array, layout: BucketLayout, counts: Int32Array): void {
  for (let i = 1; i < w.length; i += 2) counts[bucketOf(w[i] as number, layout)]++;
}

/** Marks the candidate buckets holding more than one value (`first` and `seen` are working space shared by both sides). */
function noteMixed(
  values: Float64Array,
  w: Uint32Array,
  layout: BucketLayout,
  candidate: Uint8Array,
  first: Float64Array,
  mixed: Uint8Array,
  seen: Uint8Array,
): void {
  for (let i = 0; i < values.length; i++) {
    const k = bucketOf(w[2 * i + 1] as number, layout);
    if (candidate[k] !== 1) continue;
    const v = values[i] as number;
    if (seen[k] === 0) {
      seen[k] = 1;
      first[k] = v;
    } else if (v !== first[k]) mixed[k] = 1;
  }
}

/** The values in candidate buckets (`count` of them); `kLo`, `kHi`: the keys those buckets span. */
function collect(
  values: Float64Array,
  w: Uint32Array,
  layout: BucketLayout,
  candidate: Uint8Array,
  count: number,
  kLo: number,
  kHi: number,
): Float64Array {
  const { base, drop } = layout;
  const out = new Float64Array(count);
  // One unsigned comparison for k in [kLo, kHi]: `k < kLo || k > kHi` is a branch taken for about
  // half the values (those below the candidates), which the processor mispredicts (9 ms a million
  // values against 1.4).
  const span = (kHi - kLo) >>> 0;
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    const k = key(w[2 * i + 1] as number);
    if ((k - kLo) >>> 0 > span) continue;
    const e = k >>> 20;
    if (candidate[(base[e] as number) + ((k & 0xfffff) >>> (drop[e] as number))] === 1) out[o++] = values[i] as number;
  }
  return out;
}

/**
 * The merge walk over the sorted values of the candidate buckets, each bucket's counts starting at
 * the values below it; the largest |i/n1 − j/n2| found, or `best` when larger. `bucketOfX(p)` and
 * `bucketOfY(q)` give the buckets of `x[p]` and `y[q]` (doubles here, integers in `ksStatisticInts`).
 */
export function walkCandidateBuckets<A extends Float64Array | Int32Array>(
  x: A,
  y: A,
  n1: number,
  n2: number,
  bucketOfX: (p: number) => number,
  bucketOfY: (q: number) => number,
  startA: Int32Array,
  startB: Int32Array,
  best: number,
): number {
  const m1 = x.length;
  const m2 = y.length;
  let d = best;
  let p = 0;
  let q = 0;
  while (p < m1 || q < m2) {
    // The next bucket: both samples hold values of every candidate bucket.
    const k = p < m1 ? bucketOfX(p) : bucketOfY(q);
    let pe = p;
    while (pe < m1 && bucketOfX(pe) === k) pe++;
    let qe = q;
    while (qe < m2 && bucketOfY(qe) === k) qe++;
    const i0 = (startA[k] as number) - p;
    const j0 = (startB[k] as number) - q;
    while (p < pe || q < qe) {
      const v = q >= qe || (p < pe && (x[p] as number) <= (y[q] as number)) ? (x[p] as number) : (y[q] as number);
      while (p < pe && (x[p] as number) <= v) p++;
      while (q < qe && (y[q] as number) <= v) q++;
      const diff = (i0 + p) / n1 - (j0 + q) / n2;
      const abs = diff < 0 ? -diff : diff;
      if (abs > d) d = abs;
    }
  }
  return d;
}
