/**
 * Targets and predictions of a regression task, columnar. The arrays may be `subarray` views of
 * bigger columns (a contiguous chunk costs no copy); arbitrary subsets go through the `rows` option.
 */
export interface RegressionInput {
  /** True value of each row; finite. */
  readonly yTrue: Float64Array;
  /** Predicted value of each row; finite. */
  readonly yPred: Float64Array;
}
