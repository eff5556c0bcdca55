import { InputError, radixSortFloat64, UsageError } from '@driftwatch/core';
import { checkRows } from '../classification/checkClassificationInput.js';
import { pairwiseSum } from '../classification/prepareProbabilityMetric.js';
import type { MetricSpec } from '../registry/MetricSpec.js';
import { defined, type MetricValue, undefinedMetric } from '../registry/MetricValue.js';
import type { PreparedMetric } from '../registry/PreparedMetric.js';
import type { RegressionInput } from './RegressionInput.js';

/** float64 machine epsilon: sklearn's MAPE divides by max(|y|, eps). */
const EPS = 2 ** -52;

/**
 * Regression metrics with scikit-learn's (1.9) formulas: MAE, MSE, RMSE, MAPE (denominator
 * `max(|y|, eps)`), median absolute error (mean of the two middle values for an even count),
 * R² and explained variance (with `force_finite`), max error.
 */
export function prepareRegressionMetric(spec: MetricSpec, input: RegressionInput, rows?: Int32Array): PreparedMetric {
  const n = input.yTrue.length;
  if (input.yPred.length !== n) {
    throw new InputError('INPUT_INVALID_VALUE', `yPred: length ${input.yPred.length} differs from yTrue's ${n}`);
  }
  if (rows) checkRows(rows, n);
  if (spec.average) throw new UsageError(`${spec.name}: takes no average`);
  const m = rows ? rows.length : n;
  const yt = new Float64Array(m);
  const yp = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const r = rows ? rows[i] : i;
    const t = input.yTrue[r];
    const p = input.yPred[r];
    if (!Number.isFinite(t)) throw new InputError('INPUT_INVALID_VALUE', `yTrue[${r}]: ${t} is not a finite number`);
    if (!Number.isFinite(p)) throw new InputError('INPUT_INVALID_VALUE', `yPred[${r}]: ${p} is not a finite number`);
    yt[i] = t;
    yp[i] = p;
  }
  const meanOf = (terms: Float64Array, weights: Int32Array | null): MetricValue => {
    if (!weights) return m === 0 ? undefinedMetric('no_rows') : defined(pairwiseSum(terms, 0, m) / m);
    let s = 0;
    let w = 0;
    for (let i = 0; i < m; i++) {
      s += terms[i] * weights[i];
      w += weights[i];
    }
    return w === 0 ? undefinedMetric('no_rows') : defined(s / w);
  };
  const termsOf = (f: (t: number, p: number) => number): Float64Array => {
    const a = new Float64Array(m);
    for (let i = 0; i < m; i++) a[i] = f(yt[i], yp[i]);
    return a;
  };
  const forceFinite = spec.forceFinite ?? true;
  switch (spec.name) {
    case 'mae':
    case 'mse':
    case 'mape':
    case 'rmse': {
      const terms =
        spec.name === 'mae'
          ? termsOf((t, p) => Math.abs(p - t))
          : spec.name === 'mape'
            ? termsOf((t, p) => Math.abs(p - t) / Math.max(Math.abs(t), EPS))
            : termsOf((t, p) => (t - p) ** 2);
      const root = spec.name === 'rmse';
      const prepared: PreparedMetric = {
        size: m,
        evaluate(weights) {
          const v = meanOf(terms, weights);
          return root && v.value !== null ? defined(Math.sqrt(v.value)) : v;
        },
      };
      if (!root) prepared.rowTerms = () => terms;
      return prepared;
    }
    case 'max_error':
      return {
        size: m,
        evaluate(weights) {
          let best = -1;
          for (let i = 0; i < m; i++) {
            if (weights && weights[i] === 0) continue;
            const e = Math.abs(yt[i] - yp[i]);
            if (e > best) best = e;
          }
          return best < 0 ? undefinedMetric('no_rows') : defined(best);
        },
      };
    case 'median_ae':
      return prepareMedianAe(yt, yp);
    case 'r2':
    case 'explained_variance': {
      const r2 = spec.name === 'r2';
      return {
        size: m,
        evaluate(weights) {
          let w = 0;
          let st = 0;
          let sd = 0;
          for (let i = 0; i < m; i++) {
            const wi = weights ? weights[i] : 1;
            w += wi;
            st += wi * yt[i];
            sd += wi * (yt[i] - yp[i]);
          }
          if (w === 0) return undefinedMetric('no_rows');
          // sklearn's r2_score is NaN below two samples; explained_variance is not checked
          if (r2 && w < 2) return undefinedMetric('too_few_rows');
          const meanT = st / w;
          const meanD = sd / w;
          let num = 0;
          let den = 0;
          for (let i = 0; i < m; i++) {
            const wi = weights ? weights[i] : 1;
            if (wi === 0) continue;
            const d = yt[i] - yp[i];
            const e = r2 ? d : d - meanD;
            const c = yt[i] - meanT;
            num += wi * e * e;
            den += wi * c * c;
          }
          if (!r2) {
            num /= w;
            den /= w;
          }
          if (den === 0) {
            if (!forceFinite) return undefinedMetric('constant_y_true');
            return defined(num === 0 ? 1 : 0);
          }
          return defined(1 - num / den);
        },
      };
    }
    default:
      throw new UsageError(`${spec.name} is not a regression metric`);
  }
}

/** Median absolute error: |error| sorted once; each evaluation walks the cumulative weights to the middle. */
function prepareMedianAe(yt: Float64Array, yp: Float64Array): PreparedMetric {
  const m = yt.length;
  const abs = new Float64Array(m);
  for (let i = 0; i < m; i++) abs[i] = Math.abs(yp[i] - yt[i]);
  let order: Int32Array | null = null;
  let sorted: Float64Array | null = null;
  return {
    size: m,
    evaluate(weights) {
      if (!weights) {
        if (m === 0) return undefinedMetric('no_rows');
        if (!sorted) {
          sorted = abs.slice();
          radixSortFloat64(sorted);
        }
        const h = m >> 1;
        return defined(m % 2 === 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2);
      }
      if (!order) {
        order = new Int32Array(m);
        for (let i = 0; i < m; i++) order[i] = i;
        order.sort((a, b) => abs[a] - abs[b]);
      }
      let w = 0;
      for (let i = 0; i < m; i++) w += weights[i];
      if (w === 0) return undefinedMetric('no_rows');
      // 0-based ranks of the middle element(s) in the expanded multiset
      const lo = (w - 1) >> 1;
      const hi = w >> 1;
      let cum = 0;
      let a = Number.NaN;
      for (let j = 0; j < m; j++) {
        const i = order[j];
        cum += weights[i];
        if (Number.isNaN(a) && cum > lo) a = abs[i];
        if (cum > hi) return defined((a + abs[i]) / 2);
      }
      return defined(a);
    },
  };
}
