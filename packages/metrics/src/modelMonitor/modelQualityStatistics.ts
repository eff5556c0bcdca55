import { SeededRandom } from '../estimation/SeededRandom.js';
import type { ModelData } from '../modelData/modelData.js';
import { metricInput } from '../performance/evaluatePerformance.js';
import { computeMetric } from '../registry/computeMetric.js';
import type { MetricInput } from '../registry/prepareMetric.js';
import { binaryCurves } from './binaryCurves.js';

/** A metric as Model Monitor's model-quality `statistics.json` writes it: `"NaN"` where it has none. */
export interface ModelMonitorMetric {
  readonly value: number | 'NaN';
  readonly standard_deviation: number | 'NaN';
}

/** Model Monitor computes standard deviations only from this many rows on. */
export const modelQualityMinRowsForDeviation = 200;

/**
 * Model Monitor's model-quality metric names per problem type (`regression`, `binary`,
 * `multiclass`), each with the Driftwatch metric spec that computes it (`true_positive_rate` is
 * `recall`, `true_negative_rate` is `specificity`, `f0_5` is `fbeta:binary:beta=0.5`…).
 */
export const modelMonitorQualityMetricSpecs = {
  regression: { mae: 'mae', mse: 'mse', rmse: 'rmse', r2: 'r2' },
  binary: {
    recall: 'recall',
    precision: 'precision',
    accuracy: 'accuracy',
    true_positive_rate: 'recall',
    true_negative_rate: 'specificity',
    auc: 'roc_auc',
    f0_5: 'fbeta:binary:beta=0.5',
    f1: 'f1',
    f2: 'fbeta:binary:beta=2',
  },
  multiclass: {
    accuracy: 'accuracy',
    weighted_recall: 'recall:weighted',
    weighted_precision: 'precision:weighted',
    weighted_f0_5: 'fbeta:weighted:beta=0.5',
    weighted_f1: 'f1:weighted',
    weighted_f2: 'fbeta:weighted:beta=2',
  },
} as const;

/**
 * Model Monitor's model-quality `statistics.json` of labelled predictions ("Model Quality
 * Metrics" in its documentation): `dataset.item_count` and `evaluation_time`, then
 * `regression_metrics`, `binary_classification_metrics` or `multiclass_classification_metrics`,
 * each metric `{ value, standard_deviation }`. As documented, the standard deviation is that of
 * the metric over 5 random 80 % subsamples (population standard deviation, subsamples seeded),
 * given from 200 rows on and `"NaN"` below; a metric with no value is `"NaN"` too. Binary
 * metrics add the confusion matrix (`{ actual: { predicted: count } }`), the false positive and
 * negative rates, and the "best constant classifier" values, which Model Monitor's own example
 * shows to be those of predicting the positive class for every row. With scores, binary metrics
 * add `receiver_operating_characteristic_curve` and `precision_recall_curve` (see {@link binaryCurves}).
 */
export function modelQualityStatistics(
  data: ModelData,
  options: { readonly seed?: number; readonly evaluationTime?: string } = {},
): Record<string, unknown> {
  const { input, labelled } = metricInput(data);
  const random = new SeededRandom(options.seed ?? 0);
  const n = labelled.length;
  const subsamples: Int32Array[] = [];
  if (n >= modelQualityMinRowsForDeviation) {
    const size = Math.floor(0.8 * n);
    for (let s = 0; s < 5; s++) {
      const rows = Int32Array.from(labelled);
      // A partial Fisher–Yates shuffle: the first `size` rows are a uniform subsample without replacement.
      for (let i = 0; i < size; i++) {
        const j = i + random.nextBelow(n - i);
        const t = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = t;
      }
      subsamples.push(rows.slice(0, size));
    }
  }
  const metric = (spec: string): ModelMonitorMetric => {
    const value = computeMetric(spec, input as MetricInput, { rows: labelled }).value;
    if (value === null) return { value: 'NaN', standard_deviation: 'NaN' };
    return { value, standard_deviation: deviation(subsamples.map((rows) => computeMetric(spec, input as MetricInput, { rows }).value)) };
  };
  const dataset = { item_count: n, ...(options.evaluationTime ? { evaluation_time: options.evaluationTime } : {}) };
  if (data.task === 'regression') {
    return { version: 0.0, dataset, regression_metrics: mapValues(modelMonitorQualityMetricSpecs.regression, metric) };
  }
  const c = data.classification;
  const matrix: Record<string, Record<string, number>> = {};
  for (const actual of c.classes) matrix[actual] = Object.fromEntries(c.classes.map((p) => [p, 0]));
  for (const i of labelled) matrix[c.classes[c.yTrue[i]!]!]![c.classes[c.yPred[i]!]!]!++;
  if (data.task === 'multiclass') {
    return {
      version: 0.0,
      dataset,
      multiclass_classification_metrics: { confusion_matrix: matrix, ...mapValues(modelMonitorQualityMetricSpecs.multiclass, metric) },
    };
  }
  const binary: Record<string, unknown> = { confusion_matrix: matrix };
  for (const [name, spec] of Object.entries(modelMonitorQualityMetricSpecs.binary)) {
    if (name === 'auc' && !c.scores) continue;
    binary[name] = metric(spec);
  }
  const complement = (m: unknown): ModelMonitorMetric => {
    const { value, standard_deviation } = m as ModelMonitorMetric;
    return { value: value === 'NaN' ? 'NaN' : 1 - value, standard_deviation };
  };
  binary.false_positive_rate = complement(binary.true_negative_rate);
  binary.false_negative_rate = complement(binary.true_positive_rate);
  if (c.scores) {
    const scored = c.scores;
    const positiveClass = c.positive ?? 1;
    Object.assign(
      binary,
      binaryCurves(scored, (row) => c.yTrue[row] === positiveClass, labelled),
    );
  }
  // Predicting the positive class for every row: recall 1, precision and accuracy the prevalence.
  const positive = c.positive ?? 1;
  let positives = 0;
  for (const i of labelled) if (c.yTrue[i] === positive) positives++;
  const prevalence = n > 0 ? positives / n : Number.NaN;
  const constant = (value: number): ModelMonitorMetric => ({ value: Number.isFinite(value) ? value : 'NaN', standard_deviation: 'NaN' });
  const fBeta = (beta: number) => ((1 + beta * beta) * prevalence) / (beta * beta * prevalence + 1);
  Object.assign(binary, {
    recall_best_constant_classifier: constant(positives > 0 ? 1 : Number.NaN),
    precision_best_constant_classifier: constant(prevalence),
    accuracy_best_constant_classifier: constant(prevalence),
    f0_5_best_constant_classifier: constant(fBeta(0.5)),
    f1_best_constant_classifier: constant(fBeta(1)),
    f2_best_constant_classifier: constant(fBeta(2)),
  });
  return { version: 0.0, dataset, binary_classification_metrics: binary };
}

function deviation(values: readonly (number | null)[]): number | 'NaN' {
  if (values.length === 0 || values.some((v) => v === null)) return 'NaN';
  const xs = values as number[];
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / xs.length);
}

function mapValues<T extends Record<string, string>>(o: T, f: (spec: string) => ModelMonitorMetric): Record<keyof T, ModelMonitorMetric> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) as Record<keyof T, ModelMonitorMetric>;
}
