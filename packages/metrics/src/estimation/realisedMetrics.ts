import { InputError } from '@driftwatch/core';
import { ChunkEvaluator } from './ChunkEvaluator.js';
import type { ChunkRows } from './ChunkRows.js';
import { type ClassifierOutputs, validateOutputs } from './ClassifierOutputs.js';
import { type CbpeMetric, cbpeMetrics } from './cbpeMetrics.js';

/**
 * Realised metrics over the labelled rows of one chunk (all rows when `chunk` is omitted), with the
 * definitions CBPE estimates: binary metrics of class 1; multiclass one-vs-rest macro means (as
 * scikit-learn's `average='macro'`, `roc_auc_score(multi_class='ovr')`), accuracy the share correct,
 * specificity TN / (TN + FP). ROC AUC ranks raw scores with ties counted half. 0/0 gives NaN.
 * @throws InputError when `data.yTrue` is missing or data are malformed.
 */
export function realisedMetrics(
  data: ClassifierOutputs,
  chunk?: ChunkRows,
  metrics: readonly CbpeMetric[] = cbpeMetrics,
): Record<CbpeMetric, number> {
  const shape = validateOutputs(data, 'data');
  if (data.yTrue === undefined) throw new InputError('INPUT_INVALID_VALUE', 'data.yTrue is required for realised metrics');
  const evaluator = new ChunkEvaluator(shape);
  evaluator.load(data, chunk ?? { start: 0, end: shape.n }, 'chunk');
  evaluator.accumulateCounted(data.yPred, data.yTrue);
  const out = {} as Record<CbpeMetric, number>;
  for (const m of metrics) out[m] = evaluator.realised(m, data.scores, data.yTrue);
  return out;
}
