import { InputError, UsageError } from '@driftwatch/core';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { defined, type MetricValue, undefinedMetric } from '../registry/MetricValue.js';
import type { PreparedMetric } from '../registry/PreparedMetric.js';
import { BinaryRanking, type RankingSums } from './BinaryRanking.js';
import type { ClassificationInput } from './ClassificationInput.js';
import { badLabel, checkClassificationInput } from './checkClassificationInput.js';

function aucOf(s: RankingSums): number {
  return s.area2 / (2 * s.positives * s.negatives);
}

/**
 * ROC AUC and average precision. Binary: ranks `scores` for the positive class (sklearn's
 * `roc_auc_score`, `average_precision_score`). Multiclass ROC AUC: one-vs-rest on the `proba`
 * columns (sklearn's `multi_class='ovr'`): `macro` mean of the per-class AUCs (undefined when a
 * class is absent from yTrue), `weighted` by class prevalence (absent classes weigh 0), `micro` on
 * all (row, class) pairs pooled. Multiclass average precision is not offered.
 */
export function prepareRankingMetric(spec: MetricSpec, input: ClassificationInput, rows?: Int32Array): PreparedMetric {
  checkClassificationInput(input, 'scores', rows);
  const k = input.classes.length;
  const yt = input.yTrue;
  const m = rows ? rows.length : yt.length;
  if (spec.name !== 'roc_auc' && spec.name !== 'average_precision') throw new UsageError(`${spec.name} is not a ranking metric`);
  if (k === 2) {
    if (spec.average && spec.average !== 'binary') {
      throw new UsageError(`${spec.name}: average '${spec.average}' is for multiclass inputs; a binary input has no averaging`);
    }
    const positive = input.positive ?? 1;
    const sc = input.scores!;
    // without a row selection the scores are read in place (the ranking never writes to them)
    const s = rows ? new Float64Array(m) : sc;
    const isPos = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const r = rows ? rows[i] : i;
      const t = yt[r];
      if (!(t >= 0 && t < 2)) badLabel('yTrue', r, t, 2);
      const v = sc[r];
      if (!Number.isFinite(v)) throw new InputError('INPUT_INVALID_VALUE', `scores[${r}]: ${v} is not a finite number`);
      if (rows) s[i] = v;
      isPos[i] = t === positive ? 1 : 0;
    }
    const ranking = new BinaryRanking(s, isPos);
    const ap = spec.name === 'average_precision';
    return {
      size: m,
      evaluate(weights) {
        const r = ranking.sums(weights);
        if (r.positives + r.negatives === 0) return undefinedMetric('no_rows');
        if (ap) return r.positives === 0 ? undefinedMetric('no_positive_labels') : defined(Math.max(0, r.averagePrecision));
        return r.positives === 0 || r.negatives === 0 ? undefinedMetric('single_class') : defined(aucOf(r));
      },
    };
  }
  if (spec.name === 'average_precision') {
    throw new UsageError(`average_precision: only binary inputs are supported (got ${k} classes)`);
  }
  const average = spec.average ?? 'macro';
  if (average === 'binary') throw new UsageError(`roc_auc: average 'binary' needs 2 classes, got ${k} (use macro, weighted or micro)`);
  const proba = input.proba!;
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const r = rows ? rows[i] : i;
    const t = yt[r];
    if (!(t >= 0 && t < k)) badLabel('yTrue', r, t, k);
    labels[i] = t;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = proba[r * k + c];
      if (!Number.isFinite(v)) throw new InputError('INPUT_INVALID_VALUE', `proba[${r * k + c}]: ${v} is not a finite number`);
      sum += v;
    }
    // sklearn: np.allclose(1, row sums), i.e. |1 - sum| <= 1e-8 + 1e-5 |sum|
    if (!(Math.abs(1 - sum) <= 1e-8 + 1e-5 * Math.abs(sum))) {
      throw new InputError('INPUT_INVALID_VALUE', `proba: row ${r} sums to ${sum}, not 1 (multiclass ROC AUC needs probabilities)`);
    }
  }
  if (average === 'micro') {
    const s = new Float64Array(m * k);
    const isPos = new Uint8Array(m * k);
    for (let i = 0; i < m; i++) {
      const r = rows ? rows[i] : i;
      for (let c = 0; c < k; c++) s[i * k + c] = proba[r * k + c];
      isPos[i * k + labels[i]] = 1;
    }
    const ranking = new BinaryRanking(s, isPos, k);
    return {
      size: m,
      evaluate(weights) {
        const r = ranking.sums(weights);
        if (r.positives === 0) return undefinedMetric('no_rows');
        return r.negatives === 0 ? undefinedMetric('single_class') : defined(aucOf(r));
      },
    };
  }
  const perClass: BinaryRanking[] = [];
  for (let c = 0; c < k; c++) {
    const s = new Float64Array(m);
    const isPos = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const r = rows ? rows[i] : i;
      s[i] = proba[r * k + c];
      isPos[i] = labels[i] === c ? 1 : 0;
    }
    perClass.push(new BinaryRanking(s, isPos));
  }
  return {
    size: m,
    evaluate(weights): MetricValue {
      let sum = 0;
      let wsum = 0;
      for (let c = 0; c < k; c++) {
        const r = perClass[c].sums(weights);
        if (r.positives + r.negatives === 0) return undefinedMetric('no_rows');
        const defined2 = r.positives > 0 && r.negatives > 0;
        if (average === 'macro') {
          if (!defined2) return undefinedMetric('single_class');
          sum += aucOf(r);
        } else if (r.positives > 0) {
          // weighted: sklearn forces the score of a zero-weight (absent) class to 0
          if (!defined2) return undefinedMetric('single_class');
          sum += aucOf(r) * r.positives;
          wsum += r.positives;
        }
      }
      return defined(average === 'macro' ? sum / k : sum / wsum);
    },
  };
}
