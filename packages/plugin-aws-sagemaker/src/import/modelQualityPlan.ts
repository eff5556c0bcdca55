import { UsageError } from '@driftwatch/core';
import { formatMetricSpec, getMetricDefinition, modelMonitorQualityMetricSpecs, parseMetricSpec } from '@driftwatch/metrics';
import type { ModelQualityConstraint, ModelQualityProblemType } from './parseModelQualityConstraints.js';

/** What a model-quality job definition says about the model's answers and their labels. */
export interface ModelQualityJob {
  readonly problemType: ModelQualityProblemType;
  /** `InferenceAttribute`: the predicted label or value (a CSV output index, or a JSON output key). */
  readonly inferenceAttribute?: string;
  /** `ProbabilityAttribute`: the positive class's probability (binary classification). */
  readonly probabilityAttribute?: string;
  /** `ProbabilityThresholdAttribute`. */
  readonly probabilityThreshold?: number;
  /** The baseline's constraints of the job's problem type. */
  readonly constraints: Readonly<Record<string, ModelQualityConstraint>>;
}

/** How the imported monitor reads and judges the model's answers. */
export interface ModelQualityPlan {
  /** The capture source's `outputColumns` (CSV outputs), when the attributes are CSV indexes. */
  readonly outputColumns?: readonly string[];
  /** The capture source's `predictionFromProbability`, for a binary job with no inference attribute. */
  readonly predictionFromProbability?: { readonly probability: string; readonly threshold: number };
  /** The monitor's `schema`: the ground-truth column, the prediction and the probability. */
  readonly schema: { readonly target: string; readonly prediction: string; readonly proba?: string };
  /** The monitor's `performance` section. */
  readonly performance: {
    readonly task: 'classification' | 'regression';
    readonly metrics: readonly string[];
    readonly thresholds: Readonly<Record<string, number>>;
  };
  /** The CloudWatch compat sink's `metricNames`: metric spec → Model Monitor's name, where they differ. */
  readonly metricNames: Readonly<Record<string, string>>;
  readonly notCarried: readonly string[];
}

/** The column the ground-truth labels are joined into. */
export const groundTruthColumn = 'ground_truth';

const tableOf = { BinaryClassification: 'binary', MulticlassClassification: 'multiclass', Regression: 'regression' } as const;

/** Model Monitor metrics that are one minus a Driftwatch metric. */
const complements: Readonly<Record<string, string>> = { false_positive_rate: 'specificity', false_negative_rate: 'recall' };

const flipped = {
  GreaterThanThreshold: 'LessThanThreshold',
  LessThanThreshold: 'GreaterThanThreshold',
  GreaterThanOrEqualToThreshold: 'LessThanOrEqualToThreshold',
  LessThanOrEqualToThreshold: 'GreaterThanOrEqualToThreshold',
} as const;

const csvIndex = /^\d+$/;
const jsonKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a model-quality job definition into a monitor's columns, `performance:` and CloudWatch
 * names. The inference and probability attributes are CSV output indexes (`"0"`) or plain JSON
 * output keys (`"predicted_label"`); other JMESPath expressions are a `UsageError`. A binary job
 * with a probability but no inference attribute gets its prediction from the probability and
 * `ProbabilityThresholdAttribute` (0.5 when unset; `predictionFromProbability` of the capture
 * source); any other job without an inference attribute is a `UsageError`. Metrics are those Model Monitor computes for the problem type;
 * each constraint becomes a threshold on the bad side of its metric (`false_positive_rate >
 * t` becomes `specificity < 1 − t`), and what cannot be said that way is listed in `notCarried`.
 */
export function modelQualityPlan(job: ModelQualityJob): ModelQualityPlan {
  const notCarried: string[] = [];
  const { inferenceAttribute: inference, probabilityAttribute: probability } = job;
  const binary = job.problemType === 'BinaryClassification';
  const useProbability = probability !== undefined && binary;
  // Without an inference attribute, a binary job's prediction is its probability against the threshold.
  const derive = inference === undefined && useProbability;
  if (inference === undefined && !derive) {
    throw new UsageError(
      `the model-quality job has no InferenceAttribute${binary ? ' nor ProbabilityAttribute' : ''}: Driftwatch needs the captured prediction${binary ? ' or the probability to derive it from' : ''}`,
    );
  }
  if (probability !== undefined && !binary)
    notCarried.push(`probability attribute ${probability}: Driftwatch reads one probability column for binary classification only`);
  if (job.probabilityThreshold !== undefined && !derive)
    notCarried.push(`probability threshold ${job.probabilityThreshold}: the prediction is the captured inference attribute ${inference}`);
  if (derive && job.probabilityThreshold === undefined)
    notCarried.push('no ProbabilityThresholdAttribute: a probability of 0.5 or more is taken as a positive prediction');

  const attributes = [...(inference !== undefined ? [inference] : []), ...(useProbability ? [probability] : [])];
  let outputColumns: string[] | undefined;
  let prediction = 'prediction';
  let proba: string | undefined;
  if (attributes.every((a) => csvIndex.test(a))) {
    const width = Math.max(...attributes.map(Number)) + 1;
    outputColumns = Array.from({ length: width }, (_, i) => `output_${i}`);
    if (inference !== undefined) outputColumns[Number(inference)] = prediction;
    if (useProbability) {
      if (probability === inference) throw new UsageError(`InferenceAttribute and ProbabilityAttribute are both output ${inference}`);
      proba = 'probability';
      outputColumns[Number(probability)] = proba;
    }
  } else if (attributes.every((a) => jsonKey.test(a))) {
    if (inference !== undefined) prediction = inference;
    else if (probability === prediction)
      throw new UsageError(`ProbabilityAttribute ${probability} clashes with the prediction column the import derives from it`);
    if (useProbability) proba = probability;
  } else {
    throw new UsageError(
      `attributes ${attributes.map((a) => JSON.stringify(a)).join(', ')}: Driftwatch reads CSV output indexes ("0") or top-level JSON output keys ("predicted_label"), not other JMESPath expressions`,
    );
  }
  if (attributes.includes(groundTruthColumn))
    throw new UsageError(`an output named ${groundTruthColumn} clashes with the ground-truth column the import joins labels into`);

  // Every metric Model Monitor computes for the problem type, each spec once (the first name wins).
  const table: Readonly<Record<string, string>> = modelMonitorQualityMetricSpecs[tableOf[job.problemType]];
  const metrics: string[] = [];
  const metricNames: Record<string, string> = {};
  const shadowed: string[] = [];
  for (const [name, raw] of Object.entries(table)) {
    const spec = formatMetricSpec(parseMetricSpec(raw));
    if (spec === 'roc_auc' && !proba) continue;
    if (metrics.includes(spec)) {
      shadowed.push(`${name} (the same figure as ${Object.entries(metricNames).find(([s]) => s === spec)?.[1] ?? spec})`);
      continue;
    }
    metrics.push(spec);
    if (spec !== name) metricNames[spec] = name;
  }
  const unpublished = [...shadowed, ...(binary ? ['false_positive_rate', 'false_negative_rate', 'confusion matrix cells'] : [])];
  if (binary && !proba) unpublished.push('auc (no probability attribute)');
  if (unpublished.length > 0) notCarried.push(`CloudWatch metrics not published: ${unpublished.join(', ')}`);

  const thresholds: Record<string, number> = {};
  for (const [name, c] of Object.entries(job.constraints)) {
    const complement = binary ? complements[name] : undefined;
    const raw = complement ?? table[name];
    if (raw === undefined) {
      notCarried.push(`constraint on ${name}: not a ${job.problemType} metric Driftwatch computes`);
      continue;
    }
    const spec = formatMetricSpec(parseMetricSpec(raw));
    if (!metrics.includes(spec)) {
      notCarried.push(`constraint on ${name}: ${spec} needs the probability attribute`);
      continue;
    }
    const operator = complement ? flipped[c.comparison_operator] : c.comparison_operator;
    const threshold = complement ? 1 - c.threshold : c.threshold;
    const higherIsBetter = getMetricDefinition(spec.split(':')[0]!).higherIsBetter;
    const badBelow = operator.startsWith('LessThan');
    if (badBelow !== higherIsBetter) {
      notCarried.push(
        `constraint ${name} ${c.comparison_operator} ${c.threshold}: Driftwatch bounds a metric on its bad side only (${higherIsBetter ? 'low' : 'high'} ${spec})`,
      );
      continue;
    }
    if (operator.endsWith('OrEqualToThreshold'))
      notCarried.push(`constraint ${name} ${c.comparison_operator}: a value equal to the threshold is not flagged`);
    const previous = thresholds[spec];
    // Two constraints on one figure (recall and true_positive_rate): the stricter holds.
    thresholds[spec] = previous === undefined ? threshold : higherIsBetter ? Math.max(previous, threshold) : Math.min(previous, threshold);
  }
  return {
    ...(outputColumns ? { outputColumns } : {}),
    ...(derive ? { predictionFromProbability: { probability: proba!, threshold: job.probabilityThreshold ?? 0.5 } } : {}),
    schema: { target: groundTruthColumn, prediction, ...(proba ? { proba } : {}) },
    performance: { task: job.problemType === 'Regression' ? 'regression' : 'classification', metrics, thresholds },
    metricNames,
    notCarried,
  };
}
