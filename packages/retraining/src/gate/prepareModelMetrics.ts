import { InputError, type ModelScores, type Predictions } from '@driftwatch/core';
import {
  getMetricDefinition,
  type MetricInput,
  type PreparedMetric,
  parseMetricSpec,
  prepareMetric,
  sortLabels,
} from '@driftwatch/metrics';
import { canonicalLabels, positiveIndex } from './classLabels.js';

/** What {@link prepareModelMetrics} and `scorePredictions` take. */
export interface ScoreInput {
  /** The model version scored (named in messages and in the result). */
  readonly version: string;
  readonly task: 'classification' | 'regression';
  /** Holdout labels: class names as text (classification; numbers are turned into text) or values (regression). */
  readonly labels: readonly string[] | Float64Array;
  /** The model's outputs on the holdout, row-aligned with `labels` (core's `Evaluator` port). */
  readonly predictions: Predictions;
  /** Metric specs in `parseMetricSpec` syntax (`f1`, `f1:macro`, `rmse`); each is a key of the result. */
  readonly metrics: readonly string[];
  /** Binary classification: the positive class name; default see `positiveIndex` (`1`/`true`/`yes`, else the larger class). */
  readonly positive?: string;
}

/** The model's metrics bound to its holdout input, ready to be evaluated as is or on resamples. */
export interface PreparedModel {
  readonly scores: ModelScores;
  /** Metric spec text → the prepared metric. */
  readonly prepared: ReadonlyMap<string, PreparedMetric>;
}

function fail(version: string, message: string): never {
  throw new InputError('INPUT_INVALID_VALUE', `predictions of ${version}: ${message}`);
}

function regressionInput(input: ScoreInput): MetricInput {
  const { version, labels, predictions } = input;
  const yTrue = labels instanceof Float64Array ? labels : Float64Array.from(labels, (t) => (t.trim() === '' ? Number.NaN : Number(t)));
  const yPred = predictions.values;
  if (!yPred) fail(version, 'a regression model must give values');
  if (yPred.length !== yTrue.length) fail(version, `values has ${yPred.length} rows, the holdout ${yTrue.length}`);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i] as number))
      throw new InputError('INPUT_INVALID_VALUE', `holdout label of row ${i + 1} is not a finite number: ${labels[i]}`);
    if (!Number.isFinite(yPred[i] as number)) fail(version, `value of row ${i + 1} is not a finite number: ${yPred[i]}`);
  }
  return { yTrue, yPred };
}

/** The probability columns' class names, checked against the rows (distinct, `rows × K` values). */
function probabilityClasses(input: ScoreInput, rows: number): readonly string[] | undefined {
  const { version, predictions } = input;
  const { probabilities, classes } = predictions;
  if (!probabilities) return undefined;
  if (!classes || classes.length < 2) fail(version, 'probabilities need the class of each column (classes, at least 2)');
  if (probabilities.length !== rows * classes.length)
    fail(version, `probabilities has ${probabilities.length} values, not rows × classes = ${rows} × ${classes.length}`);
  return classes;
}

/**
 * The probability columns reordered to `classes` (the sorted class set), rows × K. Every class of
 * the set needs a column: scikit-learn's log loss and ROC AUC refuse labels the model has no column for.
 */
function reorderProbabilities(
  version: string,
  probabilities: Float64Array,
  columnNames: readonly string[],
  classes: readonly string[],
  rows: number,
): Float64Array {
  const k = classes.length;
  const width = columnNames.length;
  const from = classes.map((c) => columnNames.indexOf(c));
  const missing = classes.filter((_, i) => from[i] === -1);
  if (missing.length > 0)
    fail(version, `probabilities have no column for class ${missing.join(', ')} (columns: ${columnNames.join(', ')})`);
  const out = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) for (let c = 0; c < k; c++) out[r * k + c] = probabilities[r * width + (from[c] as number)] as number;
  return out;
}

function classificationInput(input: ScoreInput, needsLabels: boolean, needsScores: boolean): MetricInput {
  const { version, predictions } = input;
  const rawTrue = input.labels instanceof Float64Array ? Array.from(input.labels, String) : input.labels;
  const rawPred = predictions.labels;
  if (needsLabels && !rawPred) fail(version, 'no predicted labels, which the metrics need');
  if (rawPred && rawPred.length !== rawTrue.length) fail(version, `labels has ${rawPred.length} rows, the holdout ${rawTrue.length}`);
  const rawProbClasses = probabilityClasses(input, rawTrue.length);
  const canon = canonicalLabels([rawTrue, rawPred ?? [], rawProbClasses ?? [], input.positive !== undefined ? [input.positive] : []]);
  const trueNames = rawTrue.map(canon);
  const predNames = rawPred ? rawPred.map(canon) : [];
  const probNames = rawProbClasses ? rawProbClasses.map(canon) : undefined;
  if (probNames && new Set(probNames).size !== probNames.length)
    fail(version, `probability classes name one class twice: ${rawProbClasses!.join(', ')}`);
  const positive = input.positive !== undefined ? canon(input.positive) : undefined;
  const names = new Set([...trueNames, ...predNames, ...(probNames ?? [])]);
  if (positive !== undefined && names.size < 2) names.add(positive);
  const classes = sortLabels(names);
  if (classes.length < 2)
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `the holdout and the predictions of ${version} hold one class only (${classes.join('')}); name the positive class`,
    );
  const index = new Map(classes.map((c, i) => [c, i]));
  const yTrue = Int32Array.from(trueNames, (n) => index.get(n) as number);
  const yPred = rawPred ? Int32Array.from(predNames, (n) => index.get(n) as number) : undefined;
  const proba =
    probNames && predictions.probabilities
      ? reorderProbabilities(version, predictions.probabilities, probNames, classes, rawTrue.length)
      : undefined;
  if (classes.length > 2) {
    if (needsScores && !proba)
      fail(version, `${classes.length} classes: probability metrics need class probabilities, which predictions do not carry`);
    return { yTrue, classes, ...(yPred ? { yPred } : {}), ...(proba ? { proba } : {}) };
  }
  const p = positiveIndex(classes, positive);
  if (p === undefined)
    throw new InputError('INPUT_INVALID_VALUE', `positive class "${positive}" is not one of the labels (${classes.join(', ')})`);
  let scores = predictions.scores;
  if (!scores && proba) {
    // Binary: the positive class's column is the score scikit-learn's binary metrics take.
    scores = new Float64Array(rawTrue.length);
    for (let r = 0; r < rawTrue.length; r++) scores[r] = proba[r * 2 + p] as number;
  }
  if (needsScores && !scores) fail(version, 'no scores (positive-class probabilities), which the metrics need');
  if (scores && scores.length !== rawTrue.length) fail(version, `scores has ${scores.length} rows, the holdout ${rawTrue.length}`);
  return { yTrue, classes, positive: p, ...(yPred ? { yPred } : {}), ...(scores ? { scores } : {}) };
}

/**
 * Binds each metric to one model's predictions on the holdout labels (classification: classes are the
 * labels and predictions together in scikit-learn's order, as scikit-learn does per call). Throws an
 * `InputError` when the predictions do not have the holdout's rows or lack an output a metric needs,
 * and a `UsageError` for an unknown metric or one that does not fit the task.
 */
export function prepareModelMetrics(input: ScoreInput): PreparedModel {
  const { version, predictions, labels } = input;
  const specs = [...new Set(input.metrics)].map((text) => ({ text, spec: parseMetricSpec(text) }));
  if (predictions.rows !== labels.length) fail(version, `${predictions.rows} rows, but the holdout has ${labels.length}`);
  let metricInput: MetricInput;
  if (input.task === 'regression') metricInput = regressionInput(input);
  else {
    const needs = specs.map((s) => getMetricDefinition(s.spec.name).needs);
    metricInput = classificationInput(input, needs.includes('labels'), needs.includes('scores'));
  }
  const prepared = new Map<string, PreparedMetric>();
  const metrics: Record<string, number | null> = {};
  for (const { text, spec } of specs) {
    const metric = prepareMetric(spec, metricInput);
    prepared.set(text, metric);
    metrics[text] = metric.evaluate(null).value;
  }
  return { scores: { version, metrics, rows: labels.length }, prepared };
}
