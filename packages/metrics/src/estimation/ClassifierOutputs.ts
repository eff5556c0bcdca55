import { InputError } from '@driftwatch/core';

/**
 * A classifier's outputs for n rows, columnar.
 *
 * - Binary (`nClasses === 2`): `scores` has n values, the model's probability of class 1.
 * - Multiclass (`nClasses > 2`): `scores` is row-major n × k, `scores[r * k + c]` the probability of class c.
 *
 * Scores lie in [0, 1]; NaN marks a missing score (the row is skipped). `yPred` holds the predicted class
 * index (binary: 0 or 1, at whatever threshold the model uses), −1 when missing (row skipped).
 * `yTrue` holds the true class index, −1 when the label is not (yet) known.
 */
export interface ClassifierOutputs {
  /** Number of classes k ≥ 2. */
  readonly nClasses: number;
  /** Binary: n probabilities of class 1. Multiclass: n × k row-major class probabilities. */
  readonly scores: Float64Array;
  /** Predicted class per row, in [0, k) or −1 for missing. */
  readonly yPred: Int32Array;
  /** True class per row, in [0, k) or −1 for unknown; omit when no labels exist. */
  readonly yTrue?: Int32Array;
}

/** Row count of validated outputs and the stride of one row in `scores`. */
export interface OutputsShape {
  readonly n: number;
  readonly k: number;
  /** 1 for binary (one score per row), k for multiclass. */
  readonly stride: number;
}

/**
 * Checks shapes and values once, before any hot loop.
 * @param label names the argument in messages, e.g. `reference` or `data`.
 * @throws InputError naming the field and row of the first bad value.
 */
export function validateOutputs(data: ClassifierOutputs, label: string): OutputsShape {
  const k = data.nClasses;
  if (!Number.isInteger(k) || k < 2) throw new InputError('INPUT_INVALID_VALUE', `${label}.nClasses must be an integer >= 2, got ${k}`);
  const n = data.yPred.length;
  const stride = k === 2 ? 1 : k;
  if (data.scores.length !== n * stride) {
    const want = k === 2 ? `${n} (one probability of class 1 per row)` : `${n * k} (${n} rows × ${k} classes)`;
    throw new InputError('INPUT_INVALID_VALUE', `${label}.scores has ${data.scores.length} values, expected ${want}`);
  }
  if (data.yTrue !== undefined && data.yTrue.length !== n) {
    throw new InputError('INPUT_INVALID_VALUE', `${label}.yTrue has ${data.yTrue.length} values, yPred has ${n}`);
  }
  const s = data.scores;
  for (let i = 0; i < s.length; i++) {
    const v = s[i];
    if (!(v >= 0 && v <= 1) && !Number.isNaN(v)) {
      throw new InputError('INPUT_INVALID_VALUE', `${label}.scores[${i}] = ${v} is not a probability in [0, 1]`);
    }
  }
  checkLabels(data.yPred, k, `${label}.yPred`);
  if (data.yTrue !== undefined) checkLabels(data.yTrue, k, `${label}.yTrue`);
  return { n, k, stride };
}

function checkLabels(labels: Int32Array, k: number, label: string): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (c < -1 || c >= k)
      throw new InputError('INPUT_INVALID_VALUE', `${label}[${i}] = ${c} is not a class index in [0, ${k}) or -1 (missing)`);
  }
}
