/**
 * Why a metric has no value. Each matches a case where scikit-learn returns NaN (or, for
 * `no_positive_labels`, a value it warns is meaningless):
 * - `no_rows`: the input (or row subset) is empty.
 * - `zero_division`: a ratio's denominator is 0 and `zeroDivision` is `'null'` (precision with no
 *   predicted positives, recall with no true positives, specificity with no true negatives…).
 * - `single_class`: ROC AUC needs both classes in `yTrue` (per class, one-vs-rest, for multiclass).
 * - `no_positive_labels`: average precision with no positive row in `yTrue`.
 * - `single_label`: Cohen's kappa when the labels share only one class (its denominator is 0).
 * - `too_few_rows`: R² on fewer than two rows.
 * - `constant_y_true`: R² / explained variance with constant `yTrue` and `forceFinite: false`.
 * - `no_valid_resamples`: every bootstrap resample was undefined (uncertainty only).
 */
export type NullReason =
  | 'no_rows'
  | 'zero_division'
  | 'single_class'
  | 'no_positive_labels'
  | 'single_label'
  | 'too_few_rows'
  | 'constant_y_true'
  | 'no_valid_resamples';

/**
 * The value of a metric: a finite number, or `null` with the reason it is undefined.
 * Never NaN or ±Infinity, so it serialises to JSON as is.
 */
export type MetricValue = { readonly value: number } | { readonly value: null; readonly reason: NullReason };

/** A defined metric value. */
export function defined(value: number): MetricValue {
  return { value };
}

/** An undefined metric value with its reason. */
export function undefinedMetric(reason: NullReason): MetricValue {
  return { value: null, reason };
}
