import { pairwiseSum } from '../special/numpySum.js';
import { relEntr } from './klDivergence.js';
import { checkedLength } from './psi.js';

/**
 * Jensen–Shannon distance (natural log): `scipy.spatial.distance.jensenshannon(reference, current)`.
 * Both arguments are rescaled to sum 1, m = (p + q) / 2.0, js = Σ rel_entr(p, m) + Σ rel_entr(q, m),
 * result sqrt(js / 2.0). Evidently's `jensenshannon` stattest passes the unfilled shares
 * (`get_binned_data(..., feel_zeroes=False)`), so use `binnedShares` without `fill`.
 * Symmetric bit for bit (the two sums only swap places). Empty input gives NaN.
 */
export function jensenShannon(reference: Float64Array, current: Float64Array): number {
  const k = checkedLength(reference, current);
  if (k === 0) return Number.NaN;
  const sp = pairwiseSum(reference);
  const sq = pairwiseSum(current);
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const p = reference[i] / sp;
    const q = current[i] / sq;
    const m = (p + q) / 2.0;
    left[i] = relEntr(p, m);
    right[i] = relEntr(q, m);
  }
  const js = pairwiseSum(left) + pairwiseSum(right);
  return Math.sqrt(js / 2.0);
}
