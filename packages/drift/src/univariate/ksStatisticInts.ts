import { candidateBuckets, largestEndDifference, walkCandidateBuckets } from './ksStatisticUnsorted.js';

/** Buckets of the counting pass, at most: 2^16 counters per side, a few hundred KB that stay in cache. */
const targetBuckets = 1 << 16;

let space:
  | {
      readonly ca: Int32Array;
      readonly cb: Int32Array;
      readonly candidate: Uint8Array;
      readonly startA: Int32Array;
      readonly startB: Int32Array;
    }
  | undefined;

/**
 * The two-sample KS statistic of two unsorted samples of integers (a reader's scaled decimals of one
 * scale, which order as their values do): the same value, to the bit, as the merge walk over the sorted
 * values ({@link ksStatisticUnsorted}'s argument, on integers).
 *
 * The integers are counted into at most 2^16 equal buckets over their range. A range narrower than
 * that gives a bucket per value, and the differences at the buckets' ends are the statistic. Otherwise
 * only the buckets whose inside may exceed the best end difference (both sides present, and the
 * difference at the bucket's start with all its `a` values added, or all its `b` values, beyond it)
 * are collected, sorted and walked. Equal-width buckets do not follow skewed data as the exponent bins
 * of the doubles' version do: a sample squeezed into a few buckets costs a sort of theirs, never a
 * wrong answer.
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
  space ??= {
    ca: new Int32Array(targetBuckets),
    cb: new Int32Array(targetBuckets),
    candidate: new Uint8Array(targetBuckets),
    startA: new Int32Array(targetBuckets),
    startB: new Int32Array(targetBuckets),
  };
  const ca = space.ca.subarray(0, buckets).fill(0);
  const cb = space.cb.subarray(0, buckets).fill(0);
  for (let i = 0; i < n1; i++) ca[((a[i] as number) - min) >>> shift]++;
  for (let i = 0; i < n2; i++) cb[((b[i] as number) - min) >>> shift]++;
  const best = largestEndDifference(ca, cb, n1, n2);
  // A bucket per value: nothing inside.
  if (shift === 0) return best;
  const found = candidateBuckets(ca, cb, n1, n2, best, space);
  if (found.collectA + found.collectB === 0) return best;
  const va = collect(a, min, shift, found.candidate, found.collectA).sort();
  const vb = collect(b, min, shift, found.candidate, found.collectB).sort();
  return walkCandidateBuckets(
    va,
    vb,
    n1,
    n2,
    (p) => ((va[p] as number) - min) >>> shift,
    (q) => ((vb[q] as number) - min) >>> shift,
    found.startA,
    found.startB,
    best,
  );
}

/** The integers in candidate buckets (`count` of them). */
function collect(values: Int32Array, min: number, shift: number, candidate: Uint8Array, count: number): Int32Array {
  const out = new Int32Array(count);
  let o = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (candidate[(x - min) >>> shift] === 1) out[o++] = x;
  }
  return out;
}
