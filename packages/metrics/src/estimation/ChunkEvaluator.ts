import { type ChunkRows, chunkIndices, chunkLength } from './ChunkRows.js';
import type { ClassifierOutputs, OutputsShape } from './ClassifierOutputs.js';
import { type CbpeMetric, metricFromCounts } from './cbpeMetrics.js';
import { expectedRocAuc, rocAucLabelled } from './rocAuc.js';
import { ScoreOrder } from './ScoreOrder.js';

/**
 * Per-chunk arithmetic shared by the estimator and the realised metrics: selects a chunk's usable rows
 * into reusable buffers, then computes expected (from calibrated probabilities) or realised (from
 * labels) metrics over them. Buffers grow to the largest chunk seen and are reused.
 *
 * Binary metrics are those of class 1; multiclass ones are one-vs-rest per class, macro-averaged
 * (accuracy: expected probability of the predicted class, or the share of correct predictions).
 */
export class ChunkEvaluator {
  readonly #shape: OutputsShape;
  readonly #order = new ScoreOrder();
  #all = new Int32Array(0);
  #valid = new Int32Array(0);
  #labelled = new Int32Array(0);
  /** Rows with a score and a prediction. */
  validCount = 0;
  /** Valid rows that also carry a label. */
  labelledCount = 0;
  /** Per class: TP, FP, FN, TN (expected), then accuracy numerator at index 4k. */
  readonly #expected: Float64Array;
  /** Per class: TP, FP, FN, TN (counted), then correct predictions at index 4k. */
  readonly #counted: Float64Array;
  /** Realised k × k confusion matrix (true × predicted). */
  readonly #cm: Float64Array;

  constructor(shape: OutputsShape) {
    this.#shape = shape;
    this.#cm = new Float64Array(shape.k * shape.k);
    this.#expected = new Float64Array(4 * shape.k + 1);
    this.#counted = new Float64Array(4 * shape.k + 1);
  }

  /** Selects the usable rows of `chunk` (label names it in errors). */
  load(data: ClassifierOutputs, chunk: ChunkRows, label: string): void {
    const len = chunkLength(chunk);
    if (this.#all.length < len) {
      this.#all = new Int32Array(len);
      this.#valid = new Int32Array(len);
      this.#labelled = new Int32Array(len);
    }
    const m = chunkIndices(chunk, this.#shape.n, this.#all, label);
    const { stride } = this.#shape;
    const scores = data.scores;
    const yPred = data.yPred;
    const yTrue = data.yTrue;
    let v = 0;
    let l = 0;
    for (let i = 0; i < m; i++) {
      const r = this.#all[i];
      if (yPred[r] < 0) continue;
      let ok = true;
      for (let c = 0; c < stride; c++) {
        if (Number.isNaN(scores[r * stride + c])) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      this.#valid[v++] = r;
      if (yTrue !== undefined && yTrue[r] >= 0) this.#labelled[l++] = r;
    }
    this.validCount = v;
    this.labelledCount = l;
  }

  /** The loaded labelled rows (first {@link labelledCount} entries; reused by the next load). */
  labelledRows(): Int32Array {
    return this.#labelled;
  }

  /** Accumulates the expected confusion cells from calibrated probabilities; call before {@link estimated}. */
  accumulateExpected(calibrated: Float64Array, yPred: Int32Array): void {
    const { k, stride } = this.#shape;
    const e = this.#expected;
    e.fill(0);
    const rows = this.#valid;
    const m = this.validCount;
    if (stride === 1) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      for (let i = 0; i < m; i++) {
        const r = rows[i];
        const p = calibrated[r];
        if (yPred[r] === 1) {
          tp += p;
          fp += 1 - p;
        } else {
          fn += p;
          tn += 1 - p;
        }
      }
      e[4] = tp;
      e[5] = fp;
      e[6] = fn;
      e[7] = tn;
      e[4 * k] = tp + tn;
      return;
    }
    let acc = 0;
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      const pred = yPred[r];
      const base = r * k;
      for (let c = 0; c < k; c++) {
        const p = calibrated[base + c];
        if (c === pred) {
          e[4 * c] += p;
          e[4 * c + 1] += 1 - p;
          acc += p;
        } else {
          e[4 * c + 2] += p;
          e[4 * c + 3] += 1 - p;
        }
      }
    }
    e[4 * k] = acc;
  }

  /** Counts the realised confusion cells over the labelled rows; call before {@link realised}. */
  accumulateCounted(yPred: Int32Array, yTrue: Int32Array): void {
    const { k } = this.#shape;
    const q = this.#counted;
    q.fill(0);
    const rows = this.#labelled;
    const m = this.labelledCount;
    let correct = 0;
    // Count the k × k matrix, then expand it to one-vs-rest cells.
    const cm = this.#cm;
    cm.fill(0);
    for (let i = 0; i < m; i++) {
      const r = rows[i];
      cm[yTrue[r] * k + yPred[r]]++;
    }
    let total = 0;
    for (let t = 0; t < k; t++) {
      for (let p = 0; p < k; p++) total += cm[t * k + p];
      correct += cm[t * k + t];
    }
    for (let c = 0; c < k; c++) {
      let predC = 0;
      let trueC = 0;
      for (let j = 0; j < k; j++) {
        predC += cm[j * k + c];
        trueC += cm[c * k + j];
      }
      const tp = cm[c * k + c];
      q[4 * c] = tp;
      q[4 * c + 1] = predC - tp;
      q[4 * c + 2] = trueC - tp;
      q[4 * c + 3] = total - predC - trueC + tp;
    }
    q[4 * k] = correct;
  }

  /** Expected metric over the loaded rows (NaN when none). `raw` orders rows for ROC AUC. */
  estimated(metric: CbpeMetric, raw: Float64Array, calibrated: Float64Array): number {
    const m = this.validCount;
    if (m === 0) return Number.NaN;
    const { k, stride } = this.#shape;
    if (metric === 'roc_auc') {
      if (stride === 1) return expectedRocAuc(raw, calibrated, 1, 0, this.#valid, m, this.#order);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += expectedRocAuc(raw, calibrated, k, c, this.#valid, m, this.#order);
      return sum / k;
    }
    return this.#fromCells(metric, this.#expected, m);
  }

  /** Realised metric over the loaded labelled rows (NaN when none). `raw` ranks rows for ROC AUC. */
  realised(metric: CbpeMetric, raw: Float64Array, yTrue: Int32Array): number {
    const m = this.labelledCount;
    if (m === 0) return Number.NaN;
    const { k, stride } = this.#shape;
    if (metric === 'roc_auc') {
      if (stride === 1) return rocAucLabelled(raw, 1, 0, this.#labelled, m, yTrue, 1, this.#order);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += rocAucLabelled(raw, k, c, this.#labelled, m, yTrue, c, this.#order);
      return sum / k;
    }
    return this.#fromCells(metric, this.#counted, m);
  }

  #fromCells(metric: Exclude<CbpeMetric, 'roc_auc'>, cells: Float64Array, m: number): number {
    const { k, stride } = this.#shape;
    if (metric === 'accuracy') return cells[4 * k] / m;
    if (stride === 1) return metricFromCounts(metric, cells[4], cells[5], cells[6], cells[7]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += metricFromCounts(metric, cells[4 * c], cells[4 * c + 1], cells[4 * c + 2], cells[4 * c + 3]);
    return sum / k;
  }
}
