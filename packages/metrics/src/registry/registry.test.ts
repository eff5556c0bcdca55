import { UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { evaluateMetrics } from './evaluateMetrics.js';
import { getMetricDefinition, isMetricName, metricDefinitions, metricNames, metricRange } from './metricRegistry.js';
import { formatMetricSpec, parseMetricSpec, parseMetricSpecs } from './parseMetricSpec.js';

const ISSUE_NAMES = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'fbeta',
  'roc_auc',
  'average_precision',
  'log_loss',
  'brier',
  'mcc',
  'cohen_kappa',
  'specificity',
  'mae',
  'mse',
  'rmse',
  'mape',
  'median_ae',
  'r2',
  'explained_variance',
  'max_error',
];

describe('metric registry', () => {
  it('has one entry per metric name of the issue', () => {
    expect([...metricNames].sort()).toEqual([...ISSUE_NAMES].sort());
    expect(new Set(metricNames).size).toBe(metricDefinitions.length);
  });
  it('describes task, needs, range and direction', () => {
    expect(getMetricDefinition('roc_auc')).toMatchObject({
      tasks: ['binary', 'multiclass'],
      needs: 'scores',
      range: { min: 0, max: 1 },
      higherIsBetter: true,
    });
    expect(getMetricDefinition('log_loss')).toMatchObject({ needs: 'scores', range: { min: 0, max: null }, higherIsBetter: false });
    expect(getMetricDefinition('mcc').range).toEqual({ min: -1, max: 1 });
    expect(getMetricDefinition('r2')).toMatchObject({ tasks: ['regression'], range: { min: null, max: 1 }, higherIsBetter: true });
    expect(getMetricDefinition('f1').averages).toEqual(['micro', 'macro', 'weighted']);
    expect(metricRange('brier', 'binary')).toEqual({ min: 0, max: 1 });
    expect(metricRange('brier', 'multiclass')).toEqual({ min: 0, max: 2 });
    expect(isMetricName('f1')).toBe(true);
    expect(isMetricName('f2')).toBe(false);
  });
  it('an unknown name fails with every known name', () => {
    expect(() => getMetricDefinition('auc')).toThrow(UsageError);
    expect(() => getMetricDefinition('auc')).toThrow(`unknown metric "auc" (known: ${metricNames.join(', ')})`);
    expect(() => parseMetricSpecs('f1,auroc')).toThrow(/unknown metric "auroc" \(known: accuracy, balanced_accuracy, precision/);
  });
});

describe('metric specs as text', () => {
  it('parses names, averages and options', () => {
    expect(parseMetricSpec('f1')).toEqual({ name: 'f1' });
    expect(parseMetricSpec(' f1:macro ')).toEqual({ name: 'f1', average: 'macro' });
    expect(parseMetricSpec('fbeta:weighted:beta=0.5')).toEqual({ name: 'fbeta', average: 'weighted', beta: 0.5 });
    expect(parseMetricSpec('precision:zero_division=0')).toEqual({ name: 'precision', zeroDivision: 0 });
    expect(parseMetricSpec('recall:zero_division=null')).toEqual({ name: 'recall', zeroDivision: 'null' });
    expect(parseMetricSpec('r2:force_finite=false')).toEqual({ name: 'r2', forceFinite: false });
    expect(parseMetricSpec('roc_auc:weighted')).toEqual({ name: 'roc_auc', average: 'weighted' });
    expect(parseMetricSpecs('f1, roc_auc ,mae')).toEqual([{ name: 'f1' }, { name: 'roc_auc' }, { name: 'mae' }]);
  });
  it('round-trips through formatMetricSpec', () => {
    for (const t of ['f1', 'f1:macro', 'fbeta:weighted:beta=2', 'precision:binary:zero_division=1', 'r2:force_finite=false']) {
      expect(formatMetricSpec(parseMetricSpec(t))).toBe(t);
    }
  });
  it('rejects bad parts with a message naming them', () => {
    expect(() => parseMetricSpec('f1:mean')).toThrow(/f1:mean: unknown average "mean" \(known: binary, micro, macro, weighted\)/);
    expect(() => parseMetricSpec('accuracy:macro')).toThrow(/accuracy takes no average "macro"/);
    expect(() => parseMetricSpec('roc_auc:binary')).toThrow(/roc_auc takes no average "binary"/);
    expect(() => parseMetricSpec('fbeta:beta=-1')).toThrow(/beta must be a positive number, got "-1"/);
    expect(() => parseMetricSpec('fbeta:beta=')).toThrow(/beta must be a positive number/);
    expect(() => parseMetricSpec('f1:beta=2')).toThrow(/f1 has no option "beta" \(known: zero_division\)/);
    expect(() => parseMetricSpec('precision:zero_division=2')).toThrow(/zero_division must be 0, 1 or null/);
    expect(() => parseMetricSpec('r2:force_finite=yes')).toThrow(/force_finite must be true or false/);
    expect(() => parseMetricSpec('mae:x=1')).toThrow(/mae has no option "x"$/);
    expect(() => parseMetricSpecs(' , ')).toThrow(/no metric given/);
  });
});

describe('evaluateMetrics', () => {
  const input = {
    yTrue: Int32Array.of(0, 1, 1, 0, 1, 0, 1, 1),
    yPred: Int32Array.of(0, 1, 0, 0, 1, 1, 1, 1),
    classes: ['neg', 'pos'],
    scores: Float64Array.of(0.2, 0.9, 0.4, 0.1, 0.8, 0.6, 0.7, 0.95),
  };
  it('computes each spec, keyed by its canonical text', () => {
    const r = evaluateMetrics(input, ['accuracy', 'f1', { name: 'roc_auc' }, 'precision:macro']);
    expect(r.map((x) => x.metric)).toEqual(['accuracy', 'f1', 'roc_auc', 'precision:macro']);
    expect(r[0].value).toEqual({ value: 6 / 8 });
    // tp 4, fp 1, fn 1
    expect(r[1].value).toEqual({ value: 0.8 });
    // positives 0.9 .4 .8 .7 .95 vs negatives .2 .1 .6: 14 of 15 pairs ordered
    expect(r[2].value.value).toBeCloseTo(14 / 15, 15);
    expect(r[0].interval).toBeUndefined();
  });
  it('checks every spec before computing any', () => {
    expect(() => evaluateMetrics(input, ['accuracy', 'nope'])).toThrow(/unknown metric "nope"/);
    expect(() => evaluateMetrics(input, ['accuracy', 'mae'])).toThrow(/mae: not defined for binary classification/);
  });
  it('adds seeded bootstrap intervals on request', () => {
    const a = evaluateMetrics(input, ['accuracy', 'roc_auc'], { interval: { resamples: 200, seed: 3 } });
    const b = evaluateMetrics(input, ['accuracy', 'roc_auc'], { interval: { resamples: 200, seed: 3 } });
    expect(a).toEqual(b);
    for (const r of a) {
      expect(r.interval).toMatchObject({ level: 0.95, resamples: 200 });
      expect(r.interval!.lower!).toBeLessThanOrEqual(r.value.value!);
      expect(r.interval!.upper!).toBeGreaterThanOrEqual(r.value.value!);
    }
    expect(() => evaluateMetrics(input, ['accuracy'], { interval: { level: 1.5 } })).toThrow(/level must be in \(0, 1\)/);
  });
  it('honours rows', () => {
    const r = evaluateMetrics(input, ['accuracy'], { rows: Int32Array.of(2, 2, 5) });
    expect(r[0].value).toEqual({ value: 0 });
  });
  it('regression and multiclass inputs, with intervals', () => {
    const reg = { yTrue: Float64Array.of(1, 2, 3, 4, 5, 6), yPred: Float64Array.of(1.5, 2, 2.5, 4, 6, 5) };
    const r = evaluateMetrics(reg, ['mae', 'rmse', 'r2', 'median_ae'], { interval: { resamples: 300, seed: 9, level: 0.8 } });
    expect(r[0].value).toEqual({ value: 0.5 });
    expect(r[3].value).toEqual({ value: 0.5 });
    for (const x of r) {
      expect(x.interval!.valid).toBe(300);
      expect(x.interval!.lower!).toBeLessThanOrEqual(x.interval!.upper!);
    }
    const multi = {
      yTrue: Int32Array.of(0, 1, 2, 2, 1, 0),
      yPred: Int32Array.of(0, 2, 2, 2, 1, 1),
      classes: ['a', 'b', 'c'],
      proba: Float64Array.of(0.7, 0.2, 0.1, 0.2, 0.3, 0.5, 0.1, 0.1, 0.8, 0.2, 0.2, 0.6, 0.3, 0.6, 0.1, 0.4, 0.5, 0.1),
    };
    const m = evaluateMetrics(multi, ['f1:weighted', 'roc_auc:weighted', 'log_loss'], { interval: { resamples: 200 } });
    expect(m.map((x) => x.metric)).toEqual(['f1:weighted', 'roc_auc:weighted', 'log_loss']);
    // a resample may miss a class: ROC AUC is then undefined on it and left out of the quantiles
    expect(m[1].interval!.valid).toBeGreaterThan(0);
    expect(m[1].interval!.valid).toBeLessThanOrEqual(200);
  });
});
