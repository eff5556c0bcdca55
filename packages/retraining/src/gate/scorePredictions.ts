import type { ModelScores } from '@driftwatch/core';
import { prepareModelMetrics, type ScoreInput } from './prepareModelMetrics.js';

/**
 * Scores one model's predictions on the holdout labels with `@driftwatch/metrics` (the same
 * definitions for every model, matching scikit-learn). A metric undefined on the holdout (ROC AUC
 * with one class) is `null`. Throws an `InputError` when `predictions.rows` differs from the number
 * of labels or an output a metric needs is missing (labels, scores for `roc_auc`, values).
 */
export function scorePredictions(input: ScoreInput): ModelScores {
  return prepareModelMetrics(input).scores;
}
