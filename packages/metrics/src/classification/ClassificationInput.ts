/**
 * Labels and model outputs of a classification task, columnar.
 *
 * Labels are indices into `classes` (the dictionary codes of a categorical column). Row `i` is
 * `yTrue[i]`, `yPred[i]`, `scores[i]` or `proba[i*K .. i*K+K)`. Arrays may be `subarray` views of
 * bigger columns: a contiguous chunk costs no copy. Arbitrary subsets (bootstrap resamples) are given
 * as row indices through the `rows` option of the functions instead.
 */
export interface ClassificationInput {
  /** True class of each row, an index into `classes`. */
  readonly yTrue: Int32Array;
  /** Predicted class of each row, an index into `classes`. Needed by label metrics (accuracy, f1, …). */
  readonly yPred?: Int32Array;
  /** Class names; `classes.length` is K (2 for a binary task). */
  readonly classes: readonly string[];
  /** Binary tasks: index of the positive class in `classes`. Default 1. */
  readonly positive?: number;
  /** Binary tasks: probability (or score, for ROC AUC / AP) of the positive class per row. */
  readonly scores?: Float64Array;
  /** Multiclass tasks: class probabilities, rows × K, row-major; each row sums to 1. */
  readonly proba?: Float64Array;
}
