import type { ModelVersion } from './ModelRegistry.js';

/** A labelled set to score, as the retraining collector wrote it. */
export interface EvaluationSet {
  /** Path or URI of the rows (a CSV file with a header for the local providers). */
  readonly uri: string;
  /** Number of rows; the predictions must have as many, in the same order. */
  readonly rows: number;
  /** The label column, which a model must not see; providers may drop it before predicting. */
  readonly target: string;
}

/**
 * A model's outputs on an {@link EvaluationSet}, row-aligned with it.
 * Classifiers give `labels` (and, when binary, may give `scores`; with any
 * number of classes, may give `probabilities` with their `classes`);
 * regressors give `values`.
 */
export interface Predictions {
  readonly rows: number;
  /** Classification: the predicted class of each row, as text. */
  readonly labels?: readonly string[];
  /** Binary classification: the probability (or score) of the positive class per row. */
  readonly scores?: Float64Array;
  /**
   * Classification: the class of each column of `probabilities`, in column order (as the model
   * names them, e.g. scikit-learn's `classes_`). Required with `probabilities`.
   */
  readonly classes?: readonly string[];
  /**
   * Classification: per-class probabilities, `rows × classes.length`, row-major (row `i` is
   * `[i·K, i·K + K)`); each row sums to 1. Multiclass ROC AUC and log loss need them; a binary
   * task without `scores` takes the positive class's column.
   */
  readonly probabilities?: Float64Array;
  /** Regression: the predicted value per row. */
  readonly values?: Float64Array;
}

/**
 * Scores a model version on a labelled set (local command, SageMaker
 * endpoint or batch transform, Bedrock). It returns raw predictions: the
 * retraining gate computes every metric itself, with one implementation, so
 * champion and challenger are compared on the same rows and the same
 * definitions (and can be paired in a bootstrap).
 */
export interface Evaluator {
  readonly type: string;
  predict(version: ModelVersion, set: EvaluationSet, options?: { readonly signal?: AbortSignal }): Promise<Predictions>;
}
