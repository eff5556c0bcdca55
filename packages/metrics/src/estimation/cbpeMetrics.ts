/** Metrics CBPE estimates, in NannyML's names. */
export const cbpeMetrics = ['roc_auc', 'f1', 'precision', 'recall', 'specificity', 'accuracy'] as const;

/** One of {@link cbpeMetrics}. */
export type CbpeMetric = (typeof cbpeMetrics)[number];

/** A metric computed from a (possibly expected) confusion matrix. */
export type ConfusionMetric = Exclude<CbpeMetric, 'roc_auc'>;

/**
 * A confusion-matrix metric from its four cells, with NannyML's CBPE formulas (F1 = TP / (TP + (FP + FN) / 2)).
 * Cells may be expected (fractional) counts. An undefined ratio (0 / 0) is NaN.
 */
export function metricFromCounts(metric: ConfusionMetric, tp: number, fp: number, fn: number, tn: number): number {
  switch (metric) {
    case 'accuracy':
      return (tp + tn) / (tp + fp + fn + tn);
    case 'precision':
      return tp / (tp + fp);
    case 'recall':
      return tp / (tp + fn);
    case 'specificity':
      return tn / (tn + fp);
    case 'f1':
      return tp / (tp + 0.5 * (fp + fn));
  }
}
