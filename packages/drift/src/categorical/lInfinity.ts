import { checkedLength } from '../binned/psi.js';

/**
 * L-infinity distance of category shares, Evidently's `l_infinity` stattest:
 * `np.max(np.abs(reference - current))` over the categories present in either sample (categories absent
 * from both add |0 - 0| and cannot change the maximum). NaN propagates as in `np.max`; empty input gives NaN.
 */
export function lInfinity(reference: Float64Array, current: Float64Array): number {
  const k = checkedLength(reference, current);
  if (k === 0) return Number.NaN;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const d = Math.abs(reference[i] - current[i]);
    if (d !== d) return Number.NaN;
    if (d > max) max = d;
  }
  return max;
}
