import { UsageError } from '@driftwatch/core';
import type { Average, MetricName } from './MetricSpec.js';

/** Kind of model a metric applies to. */
export type MetricTask = 'binary' | 'multiclass' | 'regression';

/** What a metric reads besides the true labels / targets. */
export type MetricNeeds = 'labels' | 'scores' | 'predictions';

/** Closed range of a metric's values; `null` bounds are unbounded (−∞ / +∞). */
export interface MetricRange {
  readonly min: number | null;
  readonly max: number | null;
}

/** What the registry knows about one metric. */
export interface MetricDefinition {
  readonly name: MetricName;
  /** Human-readable name for reports. */
  readonly title: string;
  /** Tasks it applies to. */
  readonly tasks: readonly MetricTask[];
  /**
   * Input it needs: `labels` (predicted classes `yPred`), `scores` (binary `scores` / multiclass
   * `proba`), `predictions` (regression `yPred`).
   */
  readonly needs: MetricNeeds;
  /** Range of values (for binary tasks where it differs, see `binaryRange`). */
  readonly range: MetricRange;
  /** Narrower range for binary tasks (Brier: [0, 1] binary, [0, 2] multiclass). */
  readonly binaryRange?: MetricRange;
  /** Whether a larger value means a better model. */
  readonly higherIsBetter: boolean;
  /** Averages accepted on multiclass inputs (empty: no averaging). Binary inputs also accept those of `binaryAverages`. */
  readonly averages: readonly Average[];
  /** Averages accepted on binary inputs. */
  readonly binaryAverages: readonly Average[];
  /** Extra spec options it takes. */
  readonly options: readonly ('beta' | 'zeroDivision' | 'forceFinite')[];
}

const UNIT: MetricRange = { min: 0, max: 1 };
const SIGNED: MetricRange = { min: -1, max: 1 };
const POSITIVE: MetricRange = { min: 0, max: null };
const UP_TO_ONE: MetricRange = { min: null, max: 1 };
const CLASS = ['binary', 'multiclass'] as const;
const ALL_AVG = ['binary', 'micro', 'macro', 'weighted'] as const;
const MULTI_AVG = ['micro', 'macro', 'weighted'] as const;
const PRF = ['zeroDivision'] as const;

function def(
  name: MetricName,
  title: string,
  tasks: readonly MetricTask[],
  needs: MetricNeeds,
  range: MetricRange,
  higherIsBetter: boolean,
  extra: Partial<Pick<MetricDefinition, 'averages' | 'binaryAverages' | 'options' | 'binaryRange'>> = {},
): MetricDefinition {
  return { name, title, tasks, needs, range, higherIsBetter, averages: [], binaryAverages: [], options: [], ...extra };
}

const prf = { averages: MULTI_AVG, binaryAverages: ALL_AVG, options: PRF };

/** Every metric, in a stable order (the order of `metricNames`). */
export const metricDefinitions: readonly MetricDefinition[] = [
  def('accuracy', 'Accuracy', CLASS, 'labels', UNIT, true),
  def('balanced_accuracy', 'Balanced accuracy', CLASS, 'labels', UNIT, true),
  def('precision', 'Precision', CLASS, 'labels', UNIT, true, prf),
  def('recall', 'Recall', CLASS, 'labels', UNIT, true, prf),
  def('f1', 'F1 score', CLASS, 'labels', UNIT, true, prf),
  def('fbeta', 'F-beta score', CLASS, 'labels', UNIT, true, { ...prf, options: ['beta', 'zeroDivision'] }),
  def('roc_auc', 'ROC AUC', CLASS, 'scores', UNIT, true, { averages: MULTI_AVG }),
  def('average_precision', 'Average precision', ['binary'], 'scores', UNIT, true),
  def('log_loss', 'Log loss', CLASS, 'scores', POSITIVE, false),
  def('brier', 'Brier score', CLASS, 'scores', { min: 0, max: 2 }, false, { binaryRange: UNIT }),
  def('mcc', 'Matthews correlation', CLASS, 'labels', SIGNED, true),
  def('cohen_kappa', "Cohen's kappa", CLASS, 'labels', SIGNED, true),
  def('specificity', 'Specificity', CLASS, 'labels', UNIT, true, prf),
  def('mae', 'Mean absolute error', ['regression'], 'predictions', POSITIVE, false),
  def('mse', 'Mean squared error', ['regression'], 'predictions', POSITIVE, false),
  def('rmse', 'Root mean squared error', ['regression'], 'predictions', POSITIVE, false),
  def('mape', 'Mean absolute percentage error', ['regression'], 'predictions', POSITIVE, false),
  def('median_ae', 'Median absolute error', ['regression'], 'predictions', POSITIVE, false),
  def('r2', 'R²', ['regression'], 'predictions', UP_TO_ONE, true, { options: ['forceFinite'] }),
  def('explained_variance', 'Explained variance', ['regression'], 'predictions', UP_TO_ONE, true, { options: ['forceFinite'] }),
  def('max_error', 'Max error', ['regression'], 'predictions', POSITIVE, false),
];

const byName = new Map<string, MetricDefinition>(metricDefinitions.map((d) => [d.name, d]));

/** Every metric name, in registry order. */
export const metricNames: readonly MetricName[] = metricDefinitions.map((d) => d.name);

/** Whether `name` is a known metric. */
export function isMetricName(name: string): name is MetricName {
  return byName.has(name);
}

/** The definition of a metric; a `UsageError` listing the known names for an unknown one. */
export function getMetricDefinition(name: string): MetricDefinition {
  const d = byName.get(name);
  if (!d) throw new UsageError(`unknown metric "${name}" (known: ${metricNames.join(', ')})`);
  return d;
}

/** The range of a metric's values on a task (Brier's is [0, 1] for binary, [0, 2] otherwise). */
export function metricRange(name: MetricName, task: MetricTask): MetricRange {
  const d = getMetricDefinition(name);
  return task === 'binary' && d.binaryRange ? d.binaryRange : d.range;
}
