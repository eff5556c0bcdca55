/** A curve's values as Model Monitor's `statistics.json` writes them: `"NaN"` where a rate has no denominator. */
export type CurveValue = number | 'NaN';

/** The ROC and precision-recall curves of Model Monitor's binary `statistics.json`. */
export interface BinaryCurves {
  readonly receiver_operating_characteristic_curve: {
    readonly false_positive_rates: readonly CurveValue[];
    readonly true_positive_rates: readonly CurveValue[];
  };
  readonly precision_recall_curve: { readonly precisions: readonly CurveValue[]; readonly recalls: readonly CurveValue[] };
}

const value = (x: number): CurveValue => (Number.isFinite(x) ? x : 'NaN');

/**
 * The ROC and precision-recall curves of the given rows, as scikit-learn computes them: rows by
 * decreasing score, each distinct score one threshold (`_binary_clf_curve`). The ROC curve is
 * `roc_curve(…, drop_intermediate=False)` — every threshold, after the (0, 0) point — which is
 * what Model Monitor's documented example shows (collinear points kept); a rate with no
 * negatives (or positives) is `"NaN"`, as sklearn's. The precision-recall curve is
 * `precision_recall_curve`'s points (scikit-learn 1.9: the (recall 0, precision 1) end point and
 * the precision at every threshold, down to the lowest score; recall 1 throughout when there are
 * no positives) listed by increasing recall — the reverse of sklearn's arrays, in the order of
 * Model Monitor's example. That example stops at the first point of full recall, as older
 * sklearn did; the points after it (recall 1, lower precision) are kept here, as sklearn now
 * computes them.
 */
export function binaryCurves(scores: Float64Array, isPositive: (row: number) => boolean, rows: ArrayLike<number>): BinaryCurves {
  const order = Array.from(rows).sort((a, b) => scores[b]! - scores[a]!);
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (isPositive(order[k]!)) tp++;
    else fp++;
    if (k === order.length - 1 || scores[order[k + 1]!] !== scores[order[k]!]) {
      tps.push(tp);
      fps.push(fp);
    }
  }
  const fpr = [0, ...fps].map((x) => value(x / fp));
  const tpr = [0, ...tps].map((x) => value(x / tp));
  const precisions: CurveValue[] = [1];
  const recalls: CurveValue[] = [0];
  for (let t = 0; t < tps.length; t++) {
    // Every threshold holds at least one row: tps + fps > 0.
    precisions.push(value(tps[t]! / (tps[t]! + fps[t]!)));
    recalls.push(tp === 0 ? 1 : value(tps[t]! / tp));
  }
  return {
    receiver_operating_characteristic_curve: { false_positive_rates: fpr, true_positive_rates: tpr },
    precision_recall_curve: { precisions, recalls },
  };
}
