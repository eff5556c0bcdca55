import type { MetricValue } from './MetricValue.js';

/**
 * A metric bound to one input (and row selection), ready to be evaluated many times: once as is,
 * or on resamples given as per-row multiplicities. Preparing does the per-input work once
 * (encoding, sorting by score), so each bootstrap resample costs one linear pass.
 */
export interface PreparedMetric {
  /** Number of selected rows (the length a weights vector must have). */
  readonly size: number;
  /**
   * The metric on the selected rows, each counted `weights[i]` times (`null`: once each).
   * `weights` holds non-negative integers (multiplicities of a resample with replacement).
   */
  evaluate(weights: Int32Array | null): MetricValue;
  /**
   * For metrics that are a mean over rows (accuracy, MAE, MSE, MAPE, log loss, Brier): each
   * selected row's term, so a sampling error can be computed analytically. Absent otherwise.
   */
  rowTerms?(): Float64Array;
}
