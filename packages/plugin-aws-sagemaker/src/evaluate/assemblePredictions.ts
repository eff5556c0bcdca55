import type { Predictions } from '@driftwatch/core';
import type { InferenceRow } from './parseInferenceResponse.js';

function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * The {@link Predictions} of a model's answers, one per holdout row in order:
 * - `probabilities` (rows × K) with `classes` when the rows carry probabilities: the classes are
 *   the evaluator's `classes` option, else the ones the answers name (the same in every answer);
 * - `labels`: each row's label, or, when no row has one, the class of highest probability (the
 *   first on ties, as scikit-learn's `predict` takes the argmax of `predict_proba`);
 * - `values` when every label reads as a finite number (regression);
 * - `scores` when every row has a binary `score`; with two `classes` named they become the
 *   probabilities `[1 - score, score]` instead (the second class is the positive one).
 * Throws a plain `Error` when rows disagree (some with probabilities or labels, some without) or
 * a row's probabilities do not match the classes.
 */
export function assemblePredictions(rows: readonly InferenceRow[], optionClasses?: readonly string[]): Predictions {
  const n = rows.length;
  const withProbs = rows.filter((r) => r.probabilities !== undefined).length;
  const withLabels = rows.filter((r) => r.label !== undefined).length;
  const withScores = rows.filter((r) => r.score !== undefined).length;
  const row = (i: number) => `row ${i + 1}`;
  if (withProbs > 0 && withProbs < n)
    throw new Error(`${row(rows.findIndex((r) => !r.probabilities))} has no probabilities, other rows do`);
  if (withLabels > 0 && withLabels < n) throw new Error(`${row(rows.findIndex((r) => r.label === undefined))} has no label, other rows do`);
  if (withScores > 0 && withScores < n) throw new Error(`${row(rows.findIndex((r) => r.score === undefined))} has no score, other rows do`);

  let classes: readonly string[] | undefined;
  let probabilities: Float64Array | undefined;
  if (withProbs === 0 && withScores === n && n > 0 && optionClasses?.length === 2) {
    // A binary model's positive-class scores, the classes named: the probabilities [1 - s, s] in the
    // order of `classes` (the second is the positive one), so the gate matches them to its classes by name.
    classes = optionClasses;
    probabilities = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const score = (rows[i] as InferenceRow).score as number;
      probabilities[i * 2] = 1 - score;
      probabilities[i * 2 + 1] = score;
    }
  } else if (withProbs > 0) {
    classes = optionClasses ?? rows.find((r) => r.classes)?.classes;
    if (!classes)
      throw new Error('the answers carry probabilities but no class names: set the evaluator’s classes (one per column, in order)');
    const k = classes.length;
    probabilities = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const r = rows[i] as InferenceRow;
      const p = r.probabilities as readonly number[];
      if (r.classes && !sameClasses(r.classes, classes))
        throw new Error(`${row(i)} names its classes ${r.classes.join(', ')}, not ${classes.join(', ')}`);
      if (p.length !== k) throw new Error(`${row(i)} has ${p.length} probabilities for ${k} classes (${classes.join(', ')})`);
      for (let c = 0; c < k; c++) probabilities[i * k + c] = p[c] as number;
    }
  }

  let labels: string[] | undefined;
  if (withLabels === n && n > 0) labels = rows.map((r) => r.label as string);
  else if (probabilities && classes) {
    const k = classes.length;
    labels = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if ((probabilities[i * k + c] as number) > (probabilities[i * k + best] as number)) best = c;
      labels[i] = classes[best] as string;
    }
  }

  let values: Float64Array | undefined;
  if (labels && withLabels === n) {
    values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const text = (labels[i] as string).trim();
      const v = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(v)) {
        values = undefined;
        break;
      }
      values[i] = v;
    }
  }
  const scores = withScores === n && n > 0 && !probabilities ? Float64Array.from(rows, (r) => r.score as number) : undefined;
  return {
    rows: n,
    ...(labels ? { labels } : {}),
    ...(values ? { values } : {}),
    ...(scores ? { scores } : {}),
    ...(probabilities && classes ? { classes, probabilities } : {}),
  };
}
