import type { ClassifierOutputs, OutputsShape } from './ClassifierOutputs.js';
import type { CbpeMetric } from './cbpeMetrics.js';
import { ScoreOrder } from './ScoreOrder.js';

/** What the reference says about a metric's spread: the std of its per-row influence value. */
export interface SamplingErrorComponents {
  readonly metric: CbpeMetric;
  /** Population std of the metric's per-row influence value over the reference rows. */
  readonly std: number;
}

/**
 * Standard error of a metric over a chunk of `n` rows: `std / sqrt(n)`, the delta-method (influence
 * function) standard error with the influence spread measured on the reference. For binary precision,
 * recall, specificity and accuracy this is exactly NannyML's analytic sampling error
 * (`std_ref / sqrt(n · fraction)`); see {@link samplingErrorComponents} for the rest.
 */
export function samplingError(components: SamplingErrorComponents, n: number): number {
  return components.std / Math.sqrt(n);
}

/**
 * Sampling-error components of `metric` from labelled reference rows `rows[0..m)` (raw scores, model
 * predictions): the std over rows of the metric's influence value ψ (so Var(metric over n rows) ≈
 * Var(ψ) / n). Per class c (binary: class 1 only), with shares π of the rows:
 *
 * - precision `[ŷ = c] · ([y = c] − P) / π(ŷ = c)`; recall `[y = c] · ([ŷ = c] − R) / π(y = c)`;
 *   specificity `[y ≠ c] · ([ŷ ≠ c] − S) / π(y ≠ c)` — NannyML's components, which are the std of the
 *   hit indicator over the rows involved and their share;
 * - F1 = 2a / (2a + b) with a the TP share and b the FP ∪ FN share: `∂F/∂a · ([TP] − a) + ∂F/∂b · ([FP ∪ FN] − b)`
 *   (NannyML scales the TP indicator by a correcting factor instead, which overstated the bootstrap
 *   spread by about 20 % in our tests);
 * - ROC AUC: DeLong's `(V₁₀ − AUC) / π` for a positive and `(V₀₁ − AUC) / (1 − π)` for a negative, V₁₀
 *   the share of negatives scored below it (ties half), V₀₁ the share of positives scored above (NannyML
 *   keeps only the minority class's placements, which understated the spread);
 * - accuracy: `[ŷ = y] − accuracy`.
 *
 * Multiclass macro metrics average ψ over classes row by row before taking the std, so covariances
 * between the one-vs-rest figures (which share rows) are carried; NannyML treats classes as independent.
 * A metric undefined on the reference (e.g. no predicted positives) gets NaN.
 */
export function samplingErrorComponents(
  metric: CbpeMetric,
  data: ClassifierOutputs,
  shape: OutputsShape,
  rows: Int32Array,
  m: number,
): SamplingErrorComponents {
  const { k, stride } = shape;
  const yTrue = data.yTrue!;
  const yPred = data.yPred;
  const influence = new Float64Array(m);
  if (metric === 'accuracy') {
    let correct = 0;
    for (let i = 0; i < m; i++) if (yTrue[rows[i]] === yPred[rows[i]]) correct++;
    const acc = correct / m;
    for (let i = 0; i < m; i++) influence[i] = (yTrue[rows[i]] === yPred[rows[i]] ? 1 : 0) - acc;
    return { metric, std: populationStd(influence) };
  }
  const multiclass = stride !== 1;
  const classes = multiclass ? k : 1;
  const weight = 1 / classes;
  const order = new ScoreOrder();
  for (let j = 0; j < classes; j++) {
    const c = multiclass ? j : 1;
    if (metric === 'roc_auc') {
      addAucInfluence(data.scores, stride, multiclass ? j : 0, rows, m, yTrue, c, order, influence, weight);
      continue;
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      const t = yTrue[r] === c;
      const p = yPred[r] === c;
      if (p && t) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
    const tn = m - tp - fp - fn;
    // F1 partial derivatives (delta method), used only for 'f1'.
    const a = tp / m;
    const b = (fp + fn) / m;
    const da = (2 * b) / (2 * a + b) ** 2;
    const db = (-2 * a) / (2 * a + b) ** 2;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const specificity = tn / (tn + fp);
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      const t = yTrue[r] === c;
      const p = yPred[r] === c;
      let v = 0;
      if (metric === 'precision') v = p ? (((t ? 1 : 0) - precision) * m) / (tp + fp) : 0;
      else if (metric === 'recall') v = t ? (((p ? 1 : 0) - recall) * m) / (tp + fn) : 0;
      else if (metric === 'specificity') v = t ? 0 : (((p ? 0 : 1) - specificity) * m) / (tn + fp);
      else v = da * ((p && t ? 1 : 0) - a) + db * (p !== t ? 1 - b : -b);
      influence[i] += weight * v;
    }
  }
  return { metric, std: populationStd(influence) };
}

/**
 * Adds `weight ×` DeLong's influence value of one class column's ROC AUC to `influence[i]` for row
 * `rows[i]` (see {@link samplingErrorComponents}); rows of a one-class column add NaN.
 */
function addAucInfluence(
  scores: Float64Array,
  stride: number,
  offset: number,
  rows: Int32Array,
  m: number,
  yTrue: Int32Array,
  positive: number,
  order: ScoreOrder,
  influence: Float64Array,
  weight: number,
): void {
  let nPos = 0;
  for (let i = 0; i < m; i++) if (yTrue[rows[i]] === positive) nPos++;
  const nNeg = m - nPos;
  if (nPos === 0 || nNeg === 0) {
    influence.fill(Number.NaN);
    return;
  }
  // `influence` is indexed by position in `rows`; map row → position once through a sort of positions.
  const positions = new Int32Array(m);
  for (let i = 0; i < m; i++) positions[i] = i;
  const keys = new Float64Array(m);
  for (let i = 0; i < m; i++) keys[i] = scores[rows[i] * stride + offset];
  const sorted = order.sort(keys, 1, 0, positions, m);
  let auc = 0;
  for (let pass = 0; pass < 2; pass++) {
    let negBelow = 0;
    let posBelow = 0;
    let i = 0;
    while (i < m) {
      const v = keys[sorted[i]];
      let j = i;
      let gPos = 0;
      while (j < m && keys[sorted[j]] === v) {
        if (yTrue[rows[sorted[j]]] === positive) gPos++;
        j++;
      }
      const gNeg = j - i - gPos;
      // A positive's placement: negatives scored lower (ties half); a negative's: positives scored higher.
      const vPos = (negBelow + gNeg / 2) / nNeg;
      const vNeg = (nPos - posBelow - gPos / 2) / nPos;
      if (pass === 0) auc += (gPos * vPos) / nPos;
      else {
        const dPos = (weight * (vPos - auc) * m) / nPos;
        const dNeg = (weight * (vNeg - auc) * m) / nNeg;
        for (let t = i; t < j; t++) influence[sorted[t]] += yTrue[rows[sorted[t]]] === positive ? dPos : dNeg;
      }
      negBelow += gNeg;
      posBelow += gPos;
      i = j;
    }
  }
}

/** Population standard deviation (ddof 0), two passes as np.std. */
function populationStd(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - mean) ** 2;
  return Math.sqrt(ss / v.length);
}
