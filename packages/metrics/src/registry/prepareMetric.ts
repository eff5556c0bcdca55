import { UsageError } from '@driftwatch/core';
import type { ClassificationInput } from '../classification/ClassificationInput.js';
import { prepareLabelMetric } from '../classification/prepareLabelMetric.js';
import { prepareProbabilityMetric } from '../classification/prepareProbabilityMetric.js';
import { prepareRankingMetric } from '../classification/prepareRankingMetric.js';
import { prepareRegressionMetric } from '../regression/prepareRegressionMetric.js';
import type { RegressionInput } from '../regression/RegressionInput.js';
import type { MetricSpec } from './MetricSpec.js';
import { getMetricDefinition } from './metricRegistry.js';
import type { PreparedMetric } from './PreparedMetric.js';

/** Input of any task: classification inputs carry `classes`. */
export type MetricInput = ClassificationInput | RegressionInput;

/** Whether an input is a classification input (it has `classes`). */
export function isClassificationInput(input: MetricInput): input is ClassificationInput {
  return 'classes' in input;
}

/**
 * Binds a metric to an input and an optional row selection (`rows`: indices into the input's
 * arrays, repeats allowed), checking that the metric applies to the input's task. The result can
 * be evaluated as is or on resamples (see `PreparedMetric`). It may keep references to the
 * input's arrays: do not modify them while the prepared metric is in use.
 */
export function prepareMetric(spec: MetricSpec, input: MetricInput, rows?: Int32Array): PreparedMetric {
  const d = getMetricDefinition(spec.name);
  if (isClassificationInput(input)) {
    const task = input.classes.length === 2 ? 'binary' : 'multiclass';
    if (!d.tasks.includes(task))
      throw new UsageError(`${spec.name}: not defined for ${task} classification (tasks: ${d.tasks.join(', ')})`);
    if (d.needs === 'labels') return prepareLabelMetric(spec, input, rows);
    if (spec.name === 'roc_auc' || spec.name === 'average_precision') return prepareRankingMetric(spec, input, rows);
    return prepareProbabilityMetric(spec, input, rows);
  }
  if (!d.tasks.includes('regression')) throw new UsageError(`${spec.name}: not a regression metric (tasks: ${d.tasks.join(', ')})`);
  return prepareRegressionMetric(spec, input, rows);
}
