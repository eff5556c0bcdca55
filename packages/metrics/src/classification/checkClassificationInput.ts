import { InputError } from '@driftwatch/core';
import type { ClassificationInput } from './ClassificationInput.js';

/** What a metric reads besides `yTrue`. */
export type ClassificationNeeds = 'labels' | 'scores';

function fail(message: string): never {
  throw new InputError('INPUT_INVALID_VALUE', message);
}

/**
 * Checks the shape of a classification input for a metric that needs `needs` (predicted labels, or
 * scores / probabilities) and the optional row indices; throws an `InputError` naming the field.
 * Label values are checked where they are read (in the metric's single pass).
 */
export function checkClassificationInput(input: ClassificationInput, needs: ClassificationNeeds, rows?: Int32Array): void {
  const n = input.yTrue.length;
  const k = input.classes.length;
  if (k < 2) fail(`classes: need at least 2 classes, got ${k}`);
  if (k === 2) {
    const p = input.positive ?? 1;
    if (!Number.isInteger(p) || p < 0 || p > 1) fail(`positive: must be the index 0 or 1 of the positive class, got ${p}`);
  }
  if (needs === 'labels') {
    if (!input.yPred) fail('yPred: predicted labels are required by this metric');
    if (input.yPred.length !== n) fail(`yPred: length ${input.yPred.length} differs from yTrue's ${n}`);
  } else if (k === 2) {
    if (!input.scores) fail('scores: the positive-class probability of each row is required by this metric');
    if (input.scores.length !== n) fail(`scores: length ${input.scores.length} differs from yTrue's ${n}`);
  } else {
    if (!input.proba) fail(`proba: class probabilities (rows x ${k}) are required by this metric`);
    if (input.proba.length !== n * k) fail(`proba: length ${input.proba.length} is not rows x classes = ${n} x ${k}`);
  }
  if (rows) checkRows(rows, n);
}

/** Checks that every row index is in [0, n). */
export function checkRows(rows: Int32Array, n: number): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r < 0 || r >= n) fail(`rows[${i}]: row index ${r} is outside [0, ${n})`);
  }
}

/** Throws for a label outside [0, k). */
export function badLabel(field: 'yTrue' | 'yPred', row: number, value: number, k: number): never {
  fail(`${field}[${row}]: class index ${value} is outside [0, ${k}) (classes has ${k} entries)`);
}
