/** Names of the performance metrics (see the registry for what each needs and its range). */
export type MetricName =
  | 'accuracy'
  | 'balanced_accuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'fbeta'
  | 'roc_auc'
  | 'average_precision'
  | 'log_loss'
  | 'brier'
  | 'mcc'
  | 'cohen_kappa'
  | 'specificity'
  | 'mae'
  | 'mse'
  | 'rmse'
  | 'mape'
  | 'median_ae'
  | 'r2'
  | 'explained_variance'
  | 'max_error';

/**
 * How per-class scores are combined (scikit-learn's `average`):
 * `binary` scores the positive class only; `micro` pools the counts of all classes; `macro` is the
 * unweighted mean over classes; `weighted` weighs each class by its number of true rows.
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/**
 * Value of a ratio whose denominator is 0 (scikit-learn's `zero_division`): `'null'` reports the
 * metric as undefined (`reason: 'zero_division'`, sklearn's `np.nan`; such classes are left out of
 * macro / weighted averages), `0` or `1` substitute that value.
 */
export type ZeroDivision = 'null' | 0 | 1;

/** One metric to compute, with its options. */
export interface MetricSpec {
  readonly name: MetricName;
  /** Averaging of per-class scores; default `binary` for 2 classes, `macro` otherwise (ROC AUC: `macro`). */
  readonly average?: Average;
  /** F-beta's beta (> 0, finite); only for `fbeta`, default 1. */
  readonly beta?: number;
  /** Precision, recall, F-scores, specificity: value on a zero denominator; default `'null'`. */
  readonly zeroDivision?: ZeroDivision;
  /**
   * R² and explained variance with constant `yTrue`: `true` (default, sklearn's `force_finite`)
   * gives 1 for a perfect fit and 0 otherwise; `false` reports `constant_y_true`.
   */
  readonly forceFinite?: boolean;
}
