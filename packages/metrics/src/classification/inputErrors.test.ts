import { InputError, UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { computeMetric } from '../registry/computeMetric.js';
import type { ClassificationInput } from './ClassificationInput.js';
import { confusionMatrix } from './confusionMatrix.js';

const binary: ClassificationInput = {
  yTrue: Int32Array.of(0, 1, 1, 0),
  yPred: Int32Array.of(0, 1, 0, 0),
  classes: ['no', 'yes'],
  scores: Float64Array.of(0.1, 0.9, 0.4, 0.3),
};
const multi: ClassificationInput = {
  yTrue: Int32Array.of(0, 1, 2),
  yPred: Int32Array.of(0, 2, 2),
  classes: ['a', 'b', 'c'],
  proba: Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.3, 0.5, 0, 0, 1),
};

function throwsWith(f: () => unknown, type: typeof InputError | typeof UsageError, pattern: RegExp): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as Error).message).toMatch(pattern);
}

describe('classification input errors name the field', () => {
  it('label outside the classes', () => {
    throwsWith(
      () => computeMetric('accuracy', { ...binary, yTrue: Int32Array.of(0, 1, 2, 0) }),
      InputError,
      /yTrue\[2\]: class index 2 is outside \[0, 2\)/,
    );
    throwsWith(() => computeMetric('f1', { ...binary, yPred: Int32Array.of(0, -1, 0, 0) }), InputError, /yPred\[1\]: class index -1/);
    throwsWith(() => computeMetric('roc_auc', { ...binary, yTrue: Int32Array.of(0, 1, 5, 0) }), InputError, /yTrue\[2\]/);
    throwsWith(() => computeMetric('log_loss', { ...multi, yTrue: Int32Array.of(0, 3, 1) }), InputError, /yTrue\[1\]/);
  });
  it('missing or mis-sized arrays', () => {
    throwsWith(() => computeMetric('accuracy', { ...binary, yPred: undefined }), InputError, /yPred: predicted labels are required/);
    throwsWith(
      () => computeMetric('accuracy', { ...binary, yPred: Int32Array.of(0) }),
      InputError,
      /yPred: length 1 differs from yTrue's 4/,
    );
    throwsWith(() => computeMetric('roc_auc', { ...binary, scores: undefined }), InputError, /scores: the positive-class probability/);
    throwsWith(() => computeMetric('log_loss', { ...binary, scores: Float64Array.of(0.5) }), InputError, /scores: length 1/);
    throwsWith(() => computeMetric('roc_auc', { ...multi, proba: undefined }), InputError, /proba: class probabilities \(rows x 3\)/);
    throwsWith(
      () => computeMetric('brier', { ...multi, proba: new Float64Array(8) }),
      InputError,
      /proba: length 8 is not rows x classes = 3 x 3/,
    );
    throwsWith(() => computeMetric('accuracy', { ...binary, classes: ['only'] }), InputError, /classes: need at least 2 classes/);
    throwsWith(() => computeMetric('accuracy', { ...binary, positive: 2 }), InputError, /positive: must be the index 0 or 1/);
  });
  it('bad scores and probabilities', () => {
    throwsWith(
      () => computeMetric('roc_auc', { ...binary, scores: Float64Array.of(0.1, Number.NaN, 0.2, 0.3) }),
      InputError,
      /scores\[1\]: NaN is not a finite number/,
    );
    throwsWith(
      () => computeMetric('log_loss', { ...binary, scores: Float64Array.of(0.1, 1.5, 0.2, 0.3) }),
      InputError,
      /scores\[1\]: 1.5 is not a probability/,
    );
    throwsWith(() => computeMetric('brier', { ...binary, scores: Float64Array.of(-0.1, 0.5, 0.2, 0.3) }), InputError, /scores\[0\]/);
    throwsWith(
      () => computeMetric('roc_auc', { ...multi, proba: Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.3, 0.6, 0, 0, 1) }),
      InputError,
      /proba: row 1 sums to 1.1, not 1/,
    );
    throwsWith(
      () => computeMetric('log_loss', { ...multi, proba: Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.3, 0.5, 0, -0, 1.2) }),
      InputError,
      /proba\[8\]/,
    );
  });
  it('row indices out of range', () => {
    throwsWith(
      () => computeMetric('accuracy', binary, { rows: Int32Array.of(0, 4) }),
      InputError,
      /rows\[1\]: row index 4 is outside \[0, 4\)/,
    );
    throwsWith(() => confusionMatrix(binary, Int32Array.of(-1)), InputError, /rows\[0\]/);
    throwsWith(
      () => computeMetric('mae', { yTrue: Float64Array.of(1), yPred: Float64Array.of(1) }, { rows: Int32Array.of(1) }),
      InputError,
      /rows\[0\]/,
    );
  });
  it('options that do not fit the input', () => {
    throwsWith(() => computeMetric({ name: 'f1', average: 'binary' }, multi), UsageError, /average 'binary' needs 2 classes, got 3/);
    throwsWith(() => computeMetric({ name: 'roc_auc', average: 'binary' }, multi), UsageError, /roc_auc: average 'binary' needs 2 classes/);
    throwsWith(() => computeMetric({ name: 'roc_auc', average: 'macro' }, binary), UsageError, /binary input has no averaging/);
    throwsWith(() => computeMetric('average_precision', multi), UsageError, /not defined for multiclass/);
    throwsWith(() => computeMetric({ name: 'fbeta', beta: 0 }, binary), UsageError, /beta must be a positive finite number/);
    throwsWith(() => computeMetric('mae', binary), UsageError, /mae: not defined for binary classification/);
    throwsWith(
      () => computeMetric('accuracy', { yTrue: Float64Array.of(1), yPred: Float64Array.of(1) }),
      UsageError,
      /accuracy: not a regression metric/,
    );
    throwsWith(() => computeMetric({ name: 'log_loss', average: 'macro' }, binary), UsageError, /log_loss: takes no average/);
  });
  it('regression: lengths and non-finite values', () => {
    throwsWith(
      () => computeMetric('mae', { yTrue: Float64Array.of(1, 2), yPred: Float64Array.of(1) }),
      InputError,
      /yPred: length 1 differs/,
    );
    throwsWith(
      () => computeMetric('mse', { yTrue: Float64Array.of(1, Number.NaN), yPred: Float64Array.of(1, 2) }),
      InputError,
      /yTrue\[1\]: NaN/,
    );
    throwsWith(
      () => computeMetric('r2', { yTrue: Float64Array.of(1, 2), yPred: Float64Array.of(1, Infinity) }),
      InputError,
      /yPred\[1\]: Infinity/,
    );
  });
});

describe('empty inputs are undefined, never NaN', () => {
  const empty: ClassificationInput = {
    yTrue: new Int32Array(0),
    yPred: new Int32Array(0),
    classes: ['a', 'b'],
    scores: new Float64Array(0),
  };
  it.each([
    'accuracy',
    'balanced_accuracy',
    'precision',
    'recall',
    'f1',
    'mcc',
    'cohen_kappa',
    'specificity',
    'roc_auc',
    'average_precision',
    'log_loss',
    'brier',
  ])('%s', (name) => {
    expect(computeMetric(name, empty)).toEqual({ value: null, reason: 'no_rows' });
  });
  it.each(['mae', 'mse', 'rmse', 'mape', 'median_ae', 'r2', 'explained_variance', 'max_error'])('%s', (name) => {
    expect(computeMetric(name, { yTrue: new Float64Array(0), yPred: new Float64Array(0) })).toEqual({ value: null, reason: 'no_rows' });
  });
  it('JSON of every result has no NaN', () => {
    const json = JSON.stringify(['accuracy', 'roc_auc', 'f1'].map((m) => computeMetric(m, empty)));
    expect(json).not.toMatch(/NaN|null,"reason":undefined/);
    expect(JSON.parse(json)).toEqual([
      { value: null, reason: 'no_rows' },
      { value: null, reason: 'no_rows' },
      { value: null, reason: 'no_rows' },
    ]);
  });
});
