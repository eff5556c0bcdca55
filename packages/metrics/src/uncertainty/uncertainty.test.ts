import { UsageError, Xoshiro128 } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import type { ClassificationInput } from '../classification/ClassificationInput.js';
import { computeMetric } from '../registry/computeMetric.js';
import type { RegressionInput } from '../regression/RegressionInput.js';
import { bootstrapInterval, quantileSorted } from './bootstrapInterval.js';
import { metricSamplingError as samplingError } from './metricSamplingError.js';

/** A binary input: n rows, positives with probability 0.35, scores informative (3 decimals, so ties). */
function binaryInput(n: number, seed: number): ClassificationInput {
  const rng = new Xoshiro128(seed);
  const u = () => rng.nextU32() / 4294967296;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    yTrue[i] = u() < 0.35 ? 1 : 0;
    const s = Math.min(1, Math.max(0, 0.5 + (yTrue[i] ? 0.2 : -0.2) + (u() - 0.5) * 0.9));
    scores[i] = Math.round(s * 1000) / 1000;
    yPred[i] = scores[i] >= 0.5 ? 1 : 0;
  }
  return { yTrue, yPred, classes: ['0', '1'], scores };
}

describe('bootstrapInterval', () => {
  const input = binaryInput(3000, 1);
  it('is seeded: same seed, same interval; another seed, another', () => {
    const a = bootstrapInterval('roc_auc', input, { seed: 42, resamples: 300 });
    const b = bootstrapInterval('roc_auc', input, { seed: 42, resamples: 300 });
    const c = bootstrapInterval('roc_auc', input, { seed: 43, resamples: 300 });
    expect(a).toEqual(b);
    expect(c.interval.lower).not.toBe(a.interval.lower);
    expect(a.estimate).toEqual(computeMetric('roc_auc', input));
  });
  it('equals the percentile interval of explicit resamples drawn with the same stream', () => {
    // independent path: resamples as row-index lists through `rows`, not multiplicities
    const B = 200;
    const rng = new Xoshiro128(7);
    const n = input.yTrue.length;
    const values: number[] = [];
    for (let b = 0; b < B; b++) {
      const rows = new Int32Array(n);
      for (let j = 0; j < n; j++) rows[j] = rng.nextBelow(n);
      values.push(computeMetric('f1', input, { rows }).value as number);
    }
    const sorted = Float64Array.from(values).sort();
    const r = bootstrapInterval('f1', input, { seed: 7, resamples: B, level: 0.9 });
    expect(r.interval.lower).toBeCloseTo(quantileSorted(sorted, 0.05), 12);
    expect(r.interval.upper).toBeCloseTo(quantileSorted(sorted, 0.95), 12);
    expect(r.interval).toMatchObject({ level: 0.9, resamples: B, valid: B });
  });
  it('has the width the normal approximation predicts for accuracy', () => {
    const r = bootstrapInterval('accuracy', input, { seed: 1 });
    const p = r.estimate.value!;
    const width = r.interval.upper! - r.interval.lower!;
    const expected = 2 * 1.959964 * Math.sqrt((p * (1 - p)) / 3000);
    expect(width / expected).toBeGreaterThan(0.85);
    expect(width / expected).toBeLessThan(1.15);
    const narrow = bootstrapInterval('accuracy', input, { seed: 1, level: 0.5 });
    expect(narrow.interval.upper! - narrow.interval.lower!).toBeLessThan(width);
  });
  it('skips undefined resamples and reports how many were valid', () => {
    // 1 positive in 40 rows: many resamples miss it and ROC AUC is undefined on them
    const yTrue = new Int32Array(40);
    yTrue[0] = 1;
    const scores = Float64Array.from({ length: 40 }, (_, i) => i / 40);
    const r = bootstrapInterval('roc_auc', { yTrue, classes: ['a', 'b'], scores }, { resamples: 500, seed: 5 });
    expect(r.interval.valid).toBeGreaterThan(200);
    expect(r.interval.valid).toBeLessThan(500);
    const none = bootstrapInterval(
      'roc_auc',
      { yTrue: new Int32Array(10), classes: ['a', 'b'], scores: new Float64Array(10) },
      { resamples: 50 },
    );
    expect(none.estimate).toEqual({ value: null, reason: 'single_class' });
    expect(none.interval).toEqual({ level: 0.95, lower: null, upper: null, resamples: 50, valid: 0 });
  });
  it('rejects bad options', () => {
    expect(() => bootstrapInterval('accuracy', input, { resamples: 0 })).toThrow(UsageError);
    expect(() => bootstrapInterval('accuracy', input, { resamples: 1.5 })).toThrow(/resamples must be a positive integer, got 1.5/);
    expect(() => bootstrapInterval('accuracy', input, { level: 0 })).toThrow(/level must be in \(0, 1\), got 0/);
    expect(() => bootstrapInterval('accuracy', input, { seed: 0.5 })).toThrow(/seed must be an integer/);
  });
  it('1000 resamples of 10 000 rows take well under the budget (ROC AUC, F1, log loss, MAE, median AE)', () => {
    const big = binaryInput(10_000, 9);
    const reg: RegressionInput = { yTrue: big.scores!, yPred: Float64Array.from(big.yTrue) };
    const t0 = performance.now();
    for (const m of ['roc_auc', 'f1', 'log_loss']) bootstrapInterval(m, big, { seed: 1 });
    for (const m of ['mae', 'median_ae']) bootstrapInterval(m, reg, { seed: 1 });
    const seconds = (performance.now() - t0) / 1000;
    // typically ~1 s here for all five on a shared 2-core machine; the bound leaves room for load
    expect(seconds).toBeLessThan(10);
  });
});

describe('samplingError', () => {
  const ref = binaryInput(5000, 11);
  it('accuracy: analytic SE is exactly sqrt(p(1-p)/n)', () => {
    const p = computeMetric('accuracy', ref).value!;
    for (const n of [50, 500, 2000]) {
      const se = samplingError('accuracy', ref, { chunkSize: n });
      expect(se.method).toBe('analytic');
      expect(se.standardError.value!).toBeCloseTo(Math.sqrt((p * (1 - p)) / n), 14);
    }
  });
  it('accuracy: the bootstrap SE agrees with sqrt(p(1-p)/n) within 10%', () => {
    const p = computeMetric('accuracy', ref).value!;
    const se = samplingError('accuracy', ref, { chunkSize: 400, method: 'bootstrap', seed: 2 });
    expect(se.method).toBe('bootstrap');
    expect(se.standardError.value! / Math.sqrt((p * (1 - p)) / 400)).toBeGreaterThan(0.9);
    expect(se.standardError.value! / Math.sqrt((p * (1 - p)) / 400)).toBeLessThan(1.1);
  });
  it('ROC AUC: bootstrap SE shrinks as 1/sqrt(chunk size) and matches the spread over independent samples', () => {
    const a = samplingError('roc_auc', ref, { chunkSize: 250, seed: 1 });
    const b = samplingError('roc_auc', ref, { chunkSize: 1000, seed: 1 });
    expect(a.method).toBe('bootstrap');
    const ratio = a.standardError.value! / b.standardError.value!;
    expect(ratio).toBeGreaterThan(1.75);
    expect(ratio).toBeLessThan(2.25);
    // the true sampling SD: AUC over 400 independent datasets of 1000 rows from the same process
    const aucs: number[] = [];
    for (let k = 0; k < 400; k++) aucs.push(computeMetric('roc_auc', binaryInput(1000, 1000 + k)).value!);
    const mean = aucs.reduce((s, x) => s + x, 0) / aucs.length;
    const sd = Math.sqrt(aucs.reduce((s, x) => s + (x - mean) ** 2, 0) / (aucs.length - 1));
    expect(b.standardError.value! / sd).toBeGreaterThan(0.85);
    expect(b.standardError.value! / sd).toBeLessThan(1.15);
  });
  it('regression means: analytic SE = std / sqrt(n)', () => {
    const reg: RegressionInput = { yTrue: Float64Array.of(1, 2, 3, 4), yPred: Float64Array.of(1, 3, 5, 4) };
    // |errors| 0 1 2 0: mean 0.75, population variance 0.6875
    expect(samplingError('mae', reg, { chunkSize: 11 }).standardError.value).toBeCloseTo(Math.sqrt(0.6875 / 11), 15);
    expect(samplingError('rmse', reg, { chunkSize: 4, resamples: 100 }).method).toBe('bootstrap');
  });
  it('is seeded and rejects bad options', () => {
    const x = samplingError('f1', ref, { chunkSize: 100, seed: 4, resamples: 200 });
    expect(samplingError('f1', ref, { chunkSize: 100, seed: 4, resamples: 200 })).toEqual(x);
    expect(() => samplingError('roc_auc', ref, { chunkSize: 100, method: 'analytic' })).toThrow(/no analytic sampling error/);
    expect(() => samplingError('accuracy', ref, { chunkSize: 0 })).toThrow(/chunkSize must be a positive integer, got 0/);
    const empty: ClassificationInput = { yTrue: new Int32Array(0), yPred: new Int32Array(0), classes: ['a', 'b'] };
    expect(samplingError('accuracy', empty, { chunkSize: 10 }).standardError).toEqual({ value: null, reason: 'no_rows' });
    expect(samplingError('f1', empty, { chunkSize: 10 }).standardError).toEqual({ value: null, reason: 'no_rows' });
  });
});
