import { UsageError } from '@driftwatch/core';
import type { Average, MetricSpec } from '../registry/MetricSpec.js';
import { defined, type MetricValue, undefinedMetric } from '../registry/MetricValue.js';
import type { PreparedMetric } from '../registry/PreparedMetric.js';
import type { ClassificationInput } from './ClassificationInput.js';
import { badLabel, checkClassificationInput } from './checkClassificationInput.js';

/**
 * Metrics computed from the confusion matrix: accuracy, balanced accuracy, precision, recall, F1,
 * F-beta, specificity, MCC, Cohen's kappa. Preparing encodes each selected row as
 * `yTrue * K + yPred`; evaluating counts the codes (weighted for a resample) and applies the
 * formula exactly as scikit-learn writes it, so results agree to rounding.
 */
export function prepareLabelMetric(spec: MetricSpec, input: ClassificationInput, rows?: Int32Array): PreparedMetric {
  checkClassificationInput(input, 'labels', rows);
  const k = input.classes.length;
  const average = resolveAverage(spec, k);
  const codes = encodePairs(input, rows);
  const counts = new Float64Array(k * k);
  const score = labelScore(spec, average, k, input.positive ?? 1);
  const prepared: PreparedMetric = {
    size: codes.length,
    evaluate(weights) {
      countCodes(codes, weights, counts);
      return score(counts);
    },
  };
  if (spec.name === 'accuracy') {
    prepared.rowTerms = () => {
      const t = new Float64Array(codes.length);
      for (let i = 0; i < codes.length; i++) t[i] = codes[i] % (k + 1) === 0 ? 1 : 0;
      return t;
    };
  }
  return prepared;
}

/** The average a spec asks for, checked against the number of classes. */
export function resolveAverage(spec: MetricSpec, k: number): Average {
  const average = spec.average ?? (k === 2 ? 'binary' : 'macro');
  if (average === 'binary' && k !== 2) {
    throw new UsageError(`${spec.name}: average 'binary' needs 2 classes, got ${k} (use micro, macro or weighted)`);
  }
  return average;
}

/** `yTrue * K + yPred` per selected row; checks the labels. */
export function encodePairs(input: ClassificationInput, rows?: Int32Array): Int32Array {
  const k = input.classes.length;
  const yt = input.yTrue;
  const yp = input.yPred!;
  const m = rows ? rows.length : yt.length;
  const codes = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const r = rows ? rows[i] : i;
    const t = yt[r];
    const p = yp[r];
    if (!(t >= 0 && t < k)) badLabel('yTrue', r, t, k);
    if (!(p >= 0 && p < k)) badLabel('yPred', r, p, k);
    codes[i] = t * k + p;
  }
  return codes;
}

/** Confusion counts (row = true class, column = predicted) of the codes, each weighted. */
export function countCodes(codes: Int32Array, weights: Int32Array | null, counts: Float64Array): void {
  counts.fill(0);
  if (weights) for (let i = 0; i < codes.length; i++) counts[codes[i]] += weights[i];
  else for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
}

type Score = (counts: Float64Array) => MetricValue;

function labelScore(spec: MetricSpec, average: Average, k: number, positive: number): Score {
  const zd = spec.zeroDivision ?? 'null';
  switch (spec.name) {
    case 'accuracy':
      return (c) => {
        const n = total(c);
        if (n === 0) return undefinedMetric('no_rows');
        let tr = 0;
        for (let i = 0; i < k; i++) tr += c[i * k + i];
        return defined(tr / n);
      };
    case 'balanced_accuracy':
      return (c) => {
        if (total(c) === 0) return undefinedMetric('no_rows');
        // sklearn: recall per class, classes absent from yTrue (0/0) dropped, then the mean
        let sum = 0;
        let m = 0;
        for (let i = 0; i < k; i++) {
          let row = 0;
          for (let j = 0; j < k; j++) row += c[i * k + j];
          if (row > 0) {
            sum += c[i * k + i] / row;
            m++;
          }
        }
        return defined(sum / m);
      };
    case 'precision':
    case 'recall':
    case 'f1':
    case 'fbeta':
    case 'specificity': {
      const beta = spec.name === 'fbeta' ? (spec.beta ?? 1) : 1;
      if (spec.name === 'fbeta' && !(beta > 0 && Number.isFinite(beta))) {
        throw new UsageError(`fbeta: beta must be a positive finite number, got ${beta}`);
      }
      return perClassScore(spec.name, average, k, positive, beta, zd);
    }
    case 'mcc':
      return (c) => {
        const n = total(c);
        if (n === 0) return undefinedMetric('no_rows');
        let trace = 0;
        let tp = 0;
        let pp = 0;
        let tt = 0;
        for (let i = 0; i < k; i++) {
          let t = 0;
          let p = 0;
          for (let j = 0; j < k; j++) {
            t += c[i * k + j];
            p += c[j * k + i];
          }
          trace += c[i * k + i];
          tp += t * p;
          pp += p * p;
          tt += t * t;
        }
        const covYtYp = trace * n - tp;
        const covYpYp = n * n - pp;
        const covYtYt = n * n - tt;
        const prod = covYpYp * covYtYt;
        // sklearn returns 0 when either label vector is constant
        return defined(prod === 0 ? 0 : covYtYp / Math.sqrt(prod));
      };
    case 'cohen_kappa':
      return (c) => {
        const n = total(c);
        if (n === 0) return undefinedMetric('no_rows');
        const sum0 = new Float64Array(k); // predicted (axis 0 of sklearn's confusion)
        const sum1 = new Float64Array(k); // true
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) {
            sum1[i] += c[i * k + j];
            sum0[j] += c[i * k + j];
          }
        let num = 0;
        let den = 0;
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) {
            if (i === j) continue;
            num += c[i * k + j];
            den += (sum0[i] * sum1[j]) / n;
          }
        return den === 0 ? undefinedMetric('single_label') : defined(1 - num / den);
      };
    default:
      throw new UsageError(`${spec.name} is not computed from predicted labels`);
  }
}

function total(c: Float64Array): number {
  let n = 0;
  for (let i = 0; i < c.length; i++) n += c[i];
  return n;
}

/**
 * Precision, recall, F-beta and specificity, per class then averaged, as sklearn's
 * `precision_recall_fscore_support` with `labels=None`: only classes seen in yTrue or yPred take part;
 * a zero denominator gives `zeroDivision` (NaN → left out of macro / weighted means).
 */
function perClassScore(
  name: 'precision' | 'recall' | 'f1' | 'fbeta' | 'specificity',
  average: Average,
  k: number,
  positive: number,
  beta: number,
  zd: 'null' | 0 | 1,
): Score {
  const zdValue = zd === 'null' ? Number.NaN : zd;
  const beta2 = beta * beta;
  const ratio = (tp: number, pred: number, tru: number, tn: number, fp: number): number => {
    let num: number;
    let den: number;
    switch (name) {
      case 'precision':
        num = tp;
        den = pred;
        break;
      case 'recall':
        num = tp;
        den = tru;
        break;
      case 'specificity':
        num = tn;
        den = tn + fp;
        break;
      default:
        num = (1 + beta2) * tp;
        den = beta2 * tru + pred;
    }
    return den === 0 ? zdValue : num / den;
  };
  const vals = new Float64Array(k);
  const sup = new Float64Array(k);
  return (c) => {
    const n = total(c);
    if (n === 0) return undefinedMetric('no_rows');
    let tpS = 0;
    let predS = 0;
    let truS = 0;
    let tnS = 0;
    let fpS = 0;
    let m = 0;
    for (let cl = 0; cl < k; cl++) {
      if (average === 'binary' && cl !== positive) continue;
      let pred = 0;
      let tru = 0;
      for (let j = 0; j < k; j++) {
        pred += c[j * k + cl];
        tru += c[cl * k + j];
      }
      if (average !== 'binary' && pred === 0 && tru === 0) continue; // class seen in neither: not a label
      const tp = c[cl * k + cl];
      const fp = pred - tp;
      const tn = n - tru - fp;
      if (average === 'micro') {
        tpS += tp;
        predS += pred;
        truS += tru;
        tnS += tn;
        fpS += fp;
        continue;
      }
      vals[m] = ratio(tp, pred, tru, tn, fp);
      sup[m] = tru;
      m++;
    }
    let v: number;
    if (average === 'micro') v = ratio(tpS, predS, truS, tnS, fpS);
    else if (average === 'binary') v = vals[0];
    else v = nanAverage(vals, average === 'weighted' ? sup : null, m);
    return Number.isNaN(v) ? undefinedMetric('zero_division') : defined(v);
  };
}

/** sklearn's `_nanaverage`: NaN entries dropped; all-zero weights fall back to the plain mean. */
function nanAverage(a: Float64Array, w: Float64Array | null, m: number): number {
  let s = 0;
  let ws = 0;
  let plain = 0;
  let cnt = 0;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(a[i])) continue;
    plain += a[i];
    cnt++;
    if (w) {
      s += a[i] * w[i];
      ws += w[i];
    }
  }
  if (cnt === 0) return Number.NaN;
  if (!w || ws === 0) return plain / cnt;
  return s / ws;
}
