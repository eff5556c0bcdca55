import { pairwiseSum } from '../special/numpySum.js';

/**
 * Population stability index over binned shares, as Evidently's `psi_stat_test` computes it:
 * `np.sum((reference - current) * np.log(reference / current))` on the filled shares of
 * `get_binned_data(..., feel_zeroes=True)` (pass shares from `binnedShares(..., { fill: true })`).
 * Unfilled zero shares give Infinity or NaN exactly as numpy would. Empty input gives NaN.
 */
export function psi(reference: Float64Array, current: Float64Array): number {
  const k = checkedLength(reference, current);
  if (k === 0) return Number.NaN;
  const terms = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const r = reference[i];
    const c = current[i];
    terms[i] = (r - c) * Math.log(r / c);
  }
  return pairwiseSum(terms);
}

/** Shared length of two per-bin arrays. @throws RangeError when they differ (a caller bug, not data). */
export function checkedLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`bin arrays differ in length: ${a.length} vs ${b.length}`);
  return a.length;
}
