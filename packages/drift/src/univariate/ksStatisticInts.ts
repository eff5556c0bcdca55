import { type Candidates, candidateBuckets, largestEndDifference, walkCandidateBuckets } from './ksStatisticUnsorted.js';

/** Buckets of the counting pass, at most: 2^16 counters per side, a few hundred KB that stay in cache. */
const targetBuckets = 1 << 16;

/** Working space of one bucketing, kept from call to call (see {@link ksStatisticInts}). */
interface Space {
  readonly ca: Int32Array;
  readonly cb: Int32Array;
  readonly candidate: Uint8Array;
  readonly startA: Int32Array;
  readonly startB: Int32Array;
}

/** One for the equal buckets, one for the logarithmic ones. */
const spaces: Space[] = [];

function spaceFor(which: 0 | 1): Space {
  spaces[which] ??= {
    ca: new Int32Array(targetBuckets),
    cb: new Int32Array(targetBuckets),
    candidate: new Uint8Array(targetBuckets),
    startA: new Int32Array(targetBuckets),
    startB: new Int32Array(targetBuckets),
  };
  return spaces[which] as Space;
}

/** Bits of the offset kept below its leading one by the logarithmic buckets: 2^11 buckets an octave. */
const logBits = 11;

/**
 * The logarithmic bucket of an offset `v` (0 … 2^32 − 1): offsets below 2^11 a bucket each, then each
 * octave [2^e, 2^(e+1)) cut into 2^11 equal buckets (an exponent and the 11 bits after the leading one,
 * as a float's exponent and mantissa). Ascending with `v`; below 2^16 for every offset.
 */
function logBucket(v: number): number {
  const e = 31 - Math.clz32(v);
  return e < logBits ? v : ((e - logBits + 1) << logBits) | ((v >>> (e - logBits)) & ((1 << logBits) - 1));
}

/**
 * The two-sample KS statistic of two unsorted samples of integers (a reader's scaled decimals of one
 * scale, which order as their values do): the same value, to the bit, as the merge walk over the sorted
 * values ({@link ksStatisticUnsorted}'s argument, on integers).
 *
 * The integers are counted into at most 2^16 equal buckets over their range. A range narrower than
 * that gives a bucket per value, and the differences at the buckets' ends are the statistic. Otherwise
 * only the buckets whose inside may exceed the best end difference (both sides present, and the
 * difference at the bucket's start with all its `a` values added, or all its `b` values, beyond it)
 * are collected, sorted and walked. Equal buckets do not follow skewed data (a long right tail puts
 * most values into the first few buckets, which are then collected and sorted: ~0.2 s for W1's
 * `session_minutes`); when over 1/16 of the values would be collected, the values are counted again
 * into logarithmic buckets over their offsets from the minimum ({@link logBucket}, as fine near the
 * minimum as a float's bins are near zero), and whichever bucketing collects fewer values is walked.
 * Either way a sample squeezed into a few buckets costs a sort of theirs, never a wrong answer.
 *
 * Preconditions: both samples non-empty.
 */
export function ksStatisticInts(a: Int32Array, b: Int32Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let min = a[0] as number;
  let max = min;
  for (const v of [a, b]) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      if (x < min) min = x;
      else if (x > max) max = x;
    }
  }
  // max − min < 2^32, so `(x - min) >>> shift` is exact.
  let shift = 0;
  while ((max - min) / 2 ** shift >= targetBuckets) shift++;
  const buckets = Math.floor((max - min) / 2 ** shift) + 1;
  // Working space of a fixed size, kept from call to call: a check counts one column after another,
  // and arrays made per column would wait for a collection as garbage.
  const equal = spaceFor(0);
  const ca = equal.ca.subarray(0, buckets).fill(0);
  const cb = equal.cb.subarray(0, buckets).fill(0);
  for (let i = 0; i < n1; i++) ca[((a[i] as number) - min) >>> shift]++;
  for (let i = 0; i < n2; i++) cb[((b[i] as number) - min) >>> shift]++;
  const best = largestEndDifference(ca, cb, n1, n2);
  // A bucket per value: nothing inside.
  if (shift === 0) return best;
  const found = candidateBuckets(ca, cb, n1, n2, best, equal);
  if (found.collectA + found.collectB === 0) return best;
  if (16 * (found.collectA + found.collectB) > n1 + n2) {
    const byLog = logStatistic(a, b, min, max, found.collectA + found.collectB);
    if (byLog !== undefined) return byLog;
  }
  const va = collect(a, min, shift, found.candidate, found.collectA);
  const vb = collect(b, min, shift, found.candidate, found.collectB);
  return walkCollected(va, vb, n1, n2, found, best, (x) => (x - min) >>> shift);
}

/**
 * The statistic by logarithmic buckets over the offsets from `min`, when they collect fewer than
 * `collected` values (the equal buckets' count); else undefined.
 */
function logStatistic(a: Int32Array, b: Int32Array, min: number, max: number, collected: number): number | undefined {
  const n1 = a.length;
  const n2 = b.length;
  const log = spaceFor(1);
  const buckets = logBucket((max - min) >>> 0) + 1;
  const ca = log.ca.subarray(0, buckets).fill(0);
  const cb = log.cb.subarray(0, buckets).fill(0);
  for (let i = 0; i < n1; i++) ca[logBucket(((a[i] as number) - min) >>> 0)]++;
  for (let i = 0; i < n2; i++) cb[logBucket(((b[i] as number) - min) >>> 0)]++;
  const best = largestEndDifference(ca, cb, n1, n2);
  const found = candidateBuckets(ca, cb, n1, n2, best, log);
  if (found.collectA + found.collectB >= collected) return undefined;
  if (found.collectA + found.collectB === 0) return best;
  const va = collectLog(a, min, found.candidate, found.collectA);
  const vb = collectLog(b, min, found.candidate, found.collectB);
  return walkCollected(va, vb, n1, n2, found, best, (x) => logBucket((x - min) >>> 0));
}

/**
 * The statistic from the values of the candidate buckets (`va` of the sample of `n1`, `vb` of the one of
 * `n2`; sorted here), walked from the counts before each bucket. `bucketOf`: a value's bucket, ascending
 * with the value.
 */
function walkCollected(
  va: Int32Array,
  vb: Int32Array,
  n1: number,
  n2: number,
  found: Candidates,
  best: number,
  bucketOf: (x: number) => number,
): number {
  va.sort();
  vb.sort();
  return walkCandidateBuckets(
    va,
    vb,
    n1,
    n2,
    (p) => bucketOf(va[p] as number),
    (q) => bucketOf(vb[q] as number),
    found.startA,
    found.startB,
    best,
  );
}

/** The integers in candidate buckets (`count` of them). The two collections stay apart: each is a pass over a whole sample. */
function collect(values: Int32Array, min: number, shift: number, candidate: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (candidate[(x - min) >>> shift] === 1) out[o++] = x;
  }
  return out;
}

/** The integers in candidate logarithmic buckets (`count` of them). */
function collectLog(values: Int32Array, min: number, candidate: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (candidate[logBucket((x - min) >>> 0)] === 1) out[o++] = x;
  }
  return out;
}
