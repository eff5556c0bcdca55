import type { ScoreOrder } from './ScoreOrder.js';

/**
 * ROC AUC of `keys[r * stride + offset]` over rows `rows[0..m)` where a row is positive when
 * `labels[r] === positive`; tied scores count one half (Mann–Whitney), which equals scikit-learn's
 * `roc_auc_score` (trapezoids over distinct thresholds). NaN when one class is absent.
 */
export function rocAucLabelled(
  keys: Float64Array,
  stride: number,
  offset: number,
  rows: Int32Array,
  m: number,
  labels: ArrayLike<number>,
  positive: number,
  order: ScoreOrder,
): number {
  const sorted = order.sort(keys, stride, offset, rows, m);
  let area = 0;
  let tp = 0;
  let fp = 0;
  let i = m - 1;
  // Walk from the highest score down, one group of tied scores at a time.
  while (i >= 0) {
    const v = keys[sorted[i] * stride + offset];
    let gp = 0;
    let gn = 0;
    while (i >= 0 && keys[sorted[i] * stride + offset] === v) {
      if (labels[sorted[i]] === positive) gp++;
      else gn++;
      i--;
    }
    area += gn * (tp + gp / 2);
    tp += gp;
    fp += gn;
  }
  return tp === 0 || fp === 0 ? Number.NaN : area / (tp * fp);
}

/** {@link rocAucLabelled} over all rows of `scores` with 0/1 `targets` (1 is positive). */
export function rocAucWithLabels(scores: Float64Array, targets: Uint8Array, order: ScoreOrder): number {
  const rows = new Int32Array(scores.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  return rocAucLabelled(scores, 1, 0, rows, rows.length, targets, 1, order);
}

/**
 * CBPE's expected ROC AUC (NannyML `estimate_roc_auc`): rows ordered by the raw score
 * `keys[r * stride + offset]`, each row adds its calibrated probability `probs[r * stride + offset]`
 * to the expected true positives and `1 − p` to the expected false positives; the AUC is the area
 * under the resulting expected ROC curve. Rows tied in raw score form one step (the straight line
 * between the curve's points before and after them), so the result does not depend on row order —
 * NannyML instead walks tied rows in `argsort` order and rounds the cumulative sums to 5 decimals.
 * NaN when the expected positives or negatives sum to 0.
 */
export function expectedRocAuc(
  keys: Float64Array,
  probs: Float64Array,
  stride: number,
  offset: number,
  rows: Int32Array,
  m: number,
  order: ScoreOrder,
): number {
  const sorted = order.sort(keys, stride, offset, rows, m);
  let area = 0;
  let tp = 0;
  let fp = 0;
  let i = m - 1;
  while (i >= 0) {
    const v = keys[sorted[i] * stride + offset];
    let gp = 0;
    let gn = 0;
    while (i >= 0 && keys[sorted[i] * stride + offset] === v) {
      const p = probs[sorted[i] * stride + offset];
      gp += p;
      gn += 1 - p;
      i--;
    }
    area += gn * (tp + gp / 2);
    tp += gp;
    fp += gn;
  }
  return tp > 0 && fp > 0 ? area / (tp * fp) : Number.NaN;
}
