import { describe, expect, it } from 'vitest';
import { modelQualityPlan } from './modelQualityPlan.js';

const lt = (threshold: number) => ({ threshold, comparison_operator: 'LessThanThreshold' as const });
const gt = (threshold: number) => ({ threshold, comparison_operator: 'GreaterThanThreshold' as const });

describe('modelQualityPlan', () => {
  it('binary with CSV output indexes: columns, every Model Monitor metric once, thresholds on the bad side', () => {
    const plan = modelQualityPlan({
      problemType: 'BinaryClassification',
      inferenceAttribute: '0',
      probabilityAttribute: '2',
      constraints: {
        recall: lt(0.6),
        true_positive_rate: lt(0.65),
        f2: lt(0.5),
        auc: lt(0.7),
        false_positive_rate: gt(0.25),
        precision: gt(0.9),
        log_likelihood: lt(1),
      },
    });
    expect(plan.outputColumns).toEqual(['prediction', 'output_1', 'probability']);
    expect(plan.schema).toEqual({ target: 'ground_truth', prediction: 'prediction', proba: 'probability' });
    expect(plan.performance.task).toBe('classification');
    expect(plan.performance.metrics).toEqual([
      'recall',
      'precision',
      'accuracy',
      'specificity',
      'roc_auc',
      'fbeta:binary:beta=0.5',
      'f1',
      'fbeta:binary:beta=2',
    ]);
    // recall and true_positive_rate are one figure: the stricter bound holds; fpr > 0.25 is specificity < 0.75.
    expect(plan.performance.thresholds).toEqual({ recall: 0.65, 'fbeta:binary:beta=2': 0.5, roc_auc: 0.7, specificity: 0.75 });
    expect(plan.metricNames).toEqual({
      specificity: 'true_negative_rate',
      roc_auc: 'auc',
      'fbeta:binary:beta=0.5': 'f0_5',
      'fbeta:binary:beta=2': 'f2',
    });
    expect(plan.notCarried).toEqual([
      'CloudWatch metrics not published: true_positive_rate (the same figure as recall), false_positive_rate, false_negative_rate, confusion matrix cells',
      'constraint precision GreaterThanThreshold 0.9: Driftwatch bounds a metric on its bad side only (low precision)',
      'constraint on log_likelihood: not a BinaryClassification metric Driftwatch computes',
    ]);
  });

  it('binary without a probability: no auc, and a constraint on it is listed', () => {
    const plan = modelQualityPlan({
      problemType: 'BinaryClassification',
      inferenceAttribute: '0',
      probabilityThreshold: 0.4,
      constraints: { auc: lt(0.7), false_negative_rate: { threshold: 0.3, comparison_operator: 'GreaterThanOrEqualToThreshold' } },
    });
    expect(plan.outputColumns).toEqual(['prediction']);
    expect(plan.performance.metrics).not.toContain('roc_auc');
    expect(plan.performance.thresholds).toEqual({ recall: 0.7 });
    expect(plan.notCarried).toEqual([
      'probability threshold 0.4: the prediction is the captured inference attribute 0',
      'CloudWatch metrics not published: true_positive_rate (the same figure as recall), false_positive_rate, false_negative_rate, confusion matrix cells, auc (no probability attribute)',
      'constraint on auc: roc_auc needs the probability attribute',
      'constraint false_negative_rate GreaterThanOrEqualToThreshold: a value equal to the threshold is not flagged',
    ]);
  });

  it('regression with a JSON output key: upper bounds on errors, lower on r2', () => {
    const plan = modelQualityPlan({
      problemType: 'Regression',
      inferenceAttribute: 'score',
      probabilityAttribute: 'p',
      constraints: { rmse: gt(3.5), mae: gt(2), r2: lt(0.4), mse: lt(1) },
    });
    expect(plan.outputColumns).toBeUndefined();
    expect(plan.schema).toEqual({ target: 'ground_truth', prediction: 'score' });
    expect(plan.performance).toEqual({
      task: 'regression',
      metrics: ['mae', 'mse', 'rmse', 'r2'],
      thresholds: { rmse: 3.5, mae: 2, r2: 0.4 },
    });
    expect(plan.metricNames).toEqual({});
    expect(plan.notCarried).toEqual([
      'probability attribute p: Driftwatch reads one probability column for binary classification only',
      'constraint mse LessThanThreshold 1: Driftwatch bounds a metric on its bad side only (high mse)',
    ]);
  });

  it('multiclass: weighted metrics under their Model Monitor names', () => {
    const plan = modelQualityPlan({
      problemType: 'MulticlassClassification',
      inferenceAttribute: '1',
      constraints: { weighted_f1: lt(0.8) },
    });
    expect(plan.outputColumns).toEqual(['output_0', 'prediction']);
    expect(plan.performance.thresholds).toEqual({ 'f1:weighted': 0.8 });
    expect(plan.metricNames).toEqual({
      'recall:weighted': 'weighted_recall',
      'precision:weighted': 'weighted_precision',
      'fbeta:weighted:beta=0.5': 'weighted_f0_5',
      'f1:weighted': 'weighted_f1',
      'fbeta:weighted:beta=2': 'weighted_f2',
    });
  });

  it('binary with a probability and no inference attribute: the prediction comes from the probability and threshold', () => {
    const csv = modelQualityPlan({
      problemType: 'BinaryClassification',
      probabilityAttribute: '1',
      probabilityThreshold: 0.3,
      constraints: {},
    });
    expect(csv.outputColumns).toEqual(['output_0', 'probability']);
    expect(csv.predictionFromProbability).toEqual({ probability: 'probability', threshold: 0.3 });
    expect(csv.schema).toEqual({ target: 'ground_truth', prediction: 'prediction', proba: 'probability' });
    expect(csv.performance.metrics).toContain('roc_auc');
    const json = modelQualityPlan({ problemType: 'BinaryClassification', probabilityAttribute: 'score', constraints: {} });
    expect(json.outputColumns).toBeUndefined();
    expect(json.predictionFromProbability).toEqual({ probability: 'score', threshold: 0.5 });
    expect(json.schema).toEqual({ target: 'ground_truth', prediction: 'prediction', proba: 'score' });
    expect(json.notCarried[0]).toBe('no ProbabilityThresholdAttribute: a probability of 0.5 or more is taken as a positive prediction');
    expect(() => modelQualityPlan({ problemType: 'BinaryClassification', probabilityAttribute: 'prediction', constraints: {} })).toThrow(
      /clashes with the prediction column/,
    );
  });

  it('refuses what it cannot read: no inference attribute, JMESPath, the same output twice', () => {
    expect(() => modelQualityPlan({ problemType: 'BinaryClassification', constraints: {} })).toThrow(
      /no InferenceAttribute nor ProbabilityAttribute/,
    );
    expect(() => modelQualityPlan({ problemType: 'MulticlassClassification', probabilityAttribute: '0', constraints: {} })).toThrow(
      /^the model-quality job has no InferenceAttribute: Driftwatch needs the captured prediction$/,
    );
    expect(() => modelQualityPlan({ problemType: 'Regression', inferenceAttribute: 'predictions[0].score', constraints: {} })).toThrow(
      /"predictions\[0\]\.score": Driftwatch reads CSV output indexes/,
    );
    expect(() =>
      modelQualityPlan({ problemType: 'BinaryClassification', inferenceAttribute: '0', probabilityAttribute: 'p', constraints: {} }),
    ).toThrow(/CSV output indexes/);
    expect(() =>
      modelQualityPlan({ problemType: 'BinaryClassification', inferenceAttribute: '1', probabilityAttribute: '1', constraints: {} }),
    ).toThrow(/both output 1/);
  });
});
