import { pairwiseSum } from '../special/numpySum.js';
import { checkedLength } from './psi.js';

/**
 * Hellinger distance of two share vectors, as Evidently's `hellinger` stattest:
 * `np.sqrt(np.sum((np.sqrt(reference) - np.sqrt(current)) ** 2)) / np.sqrt(2)`, on unfilled shares.
 * Symmetric bit for bit. Empty input gives NaN.
 */
export function hellinger(reference: Float64Array, current: Float64Array): number {
  const k = checkedLength(reference, current);
  if (k === 0) return Number.NaN;
  const terms = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const d = Math.sqrt(reference[i]) - Math.sqrt(current[i]);
    terms[i] = d * d;
  }
  return Math.sqrt(pairwiseSum(terms)) / Math.SQRT2;
}
