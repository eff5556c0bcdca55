import { InputError, UsageError } from '@driftwatch/core';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { defined, undefinedMetric } from '../registry/MetricValue.js';
import type { PreparedMetric } from '../registry/PreparedMetric.js';
import type { ClassificationInput } from './ClassificationInput.js';
import { badLabel, checkClassificationInput } from './checkClassificationInput.js';

/** float64 machine epsilon: sklearn (>= 1.5) clips probabilities to [eps, 1 - eps] for the log loss. */
const EPS = 2 ** -52;

function badProbability(field: string, index: number, v: number): never {
  throw new InputError('INPUT_INVALID_VALUE', `${field}[${index}]: ${v} is not a probability in [0, 1]`);
}

/**
 * Log loss and Brier score, the mean of a per-row term as scikit-learn computes it (1.9):
 * - binary: the row's probabilities are `[1 - s, s]` (s = `scores`, of the positive class), clipped
 *   to [eps, 1 - eps] for the log loss; Brier is half the two-column squared error (the classic
 *   `(y - s)²`);
 * - multiclass: `-log(clip(p[y]))`, and Brier `Σ_k (onehot_k - p_k)²` (not halved, as sklearn's
 *   `scale_by_half='auto'` for 3+ columns). Rows are not renormalised.
 * Probabilities outside [0, 1] (or NaN) are an `InputError`, as sklearn raises.
 */
export function prepareProbabilityMetric(spec: MetricSpec, input: ClassificationInput, rows?: Int32Array): PreparedMetric {
  checkClassificationInput(input, 'scores', rows);
  if (spec.name !== 'log_loss' && spec.name !== 'brier') throw new UsageError(`${spec.name} is not a probability loss`);
  if (spec.average) throw new UsageError(`${spec.name}: takes no average`);
  const k = input.classes.length;
  const yt = input.yTrue;
  const m = rows ? rows.length : yt.length;
  const log = spec.name === 'log_loss';
  const terms = new Float64Array(m);
  if (k === 2) {
    const positive = input.positive ?? 1;
    const sc = input.scores!;
    for (let i = 0; i < m; i++) {
      const r = rows ? rows[i] : i;
      const t = yt[r];
      if (!(t >= 0 && t < 2)) badLabel('yTrue', r, t, 2);
      const s = sc[r];
      if (!(s >= 0 && s <= 1)) badProbability('scores', r, s);
      const pos = t === positive;
      const q = 1 - s;
      if (log) {
        const p = pos ? s : q;
        terms[i] = -Math.log(p < EPS ? EPS : Math.min(p, 1 - EPS));
      } else {
        const d0 = (pos ? 0 : 1) - q;
        const d1 = (pos ? 1 : 0) - s;
        terms[i] = d0 * d0 + d1 * d1;
      }
    }
  } else {
    const proba = input.proba!;
    for (let i = 0; i < m; i++) {
      const r = rows ? rows[i] : i;
      const t = yt[r];
      if (!(t >= 0 && t < k)) badLabel('yTrue', r, t, k);
      let acc = 0;
      for (let c = 0; c < k; c++) {
        const p = proba[r * k + c];
        if (!(p >= 0 && p <= 1)) badProbability('proba', r * k + c, p);
        if (log) {
          if (c === t) acc = -Math.log(p < EPS ? EPS : Math.min(p, 1 - EPS));
        } else {
          const d = (c === t ? 1 : 0) - p;
          acc += d * d;
        }
      }
      terms[i] = acc;
    }
  }
  // binary Brier is halved (sklearn's scale_by_half for 2 columns)
  const scale = !log && k === 2 ? 0.5 : 1;
  return {
    size: m,
    evaluate(weights) {
      let s = 0;
      let w = 0;
      if (weights) {
        for (let i = 0; i < m; i++) {
          s += terms[i] * weights[i];
          w += weights[i];
        }
      } else {
        s = pairwiseSum(terms, 0, m);
        w = m;
      }
      return w === 0 ? undefinedMetric('no_rows') : defined((s / w) * scale);
    },
    rowTerms() {
      return scale === 1 ? terms : terms.map((x) => x * scale);
    },
  };
}

/** numpy-style pairwise summation: blocks of 128 summed in order, halves combined (error O(log n)). */
export function pairwiseSum(a: Float64Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 128) {
    let s = 0;
    for (let i = from; i < to; i++) s += a[i];
    return s;
  }
  const mid = from + ((n >> 1) & ~7);
  return pairwiseSum(a, from, mid) + pairwiseSum(a, mid, to);
}
