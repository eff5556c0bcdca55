import { pairwiseSum } from '../special/numpySum.js';
import { checkedLength } from './psi.js';

/**
 * `scipy.special.rel_entr(x, y)`: x·ln(x/y) for x, y > 0; 0 for x = 0, y >= 0; +Infinity otherwise;
 * NaN if either is NaN.
 */
export function relEntr(x: number, y: number): number {
  if (x !== x || y !== y) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

/**
 * Kullback–Leibler divergence D(reference || current) in nats: `scipy.stats.entropy(reference, current)`,
 * which first rescales both arguments to sum 1 (numpy pairwise sums), then sums `rel_entr`.
 * Evidently's `kl_div` stattest feeds it the filled shares of `get_binned_data(..., feel_zeroes=True)`
 * (use `binnedShares(..., { fill: true })`). Empty input gives NaN.
 */
export function klDivergence(reference: Float64Array, current: Float64Array): number {
  const k = checkedLength(reference, current);
  if (k === 0) return Number.NaN;
  const sq = pairwiseSum(current);
  const sp = pairwiseSum(reference);
  const terms = new Float64Array(k);
  for (let i = 0; i < k; i++) terms[i] = relEntr(reference[i] / sp, current[i] / sq);
  return pairwiseSum(terms);
}
