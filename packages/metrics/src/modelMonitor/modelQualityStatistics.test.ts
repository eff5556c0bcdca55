import type { Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import type { ModelData } from '../modelData/modelData.js';
import { modelQualityStatistics } from './modelQualityStatistics.js';

const frame: Frame = { rowCount: 0, columns: [], source: 'test' };

describe('modelQualityStatistics (Model Monitor model-quality statistics.json)', () => {
  it("reproduces the binary example of Model Monitor's documentation", () => {
    // Its confusion matrix {"0": {"0": 1, "1": 2}, "1": {"0": 0, "1": 1}}: actual → predicted.
    const data: ModelData = {
      task: 'binary',
      frame,
      classification: { classes: ['0', '1'], yTrue: Int32Array.from([0, 0, 0, 1]), yPred: Int32Array.from([0, 1, 1, 1]), positive: 1 },
    };
    const s = modelQualityStatistics(data, { evaluationTime: '2026-12-07T04:00:00.000Z' }) as {
      dataset: unknown;
      binary_classification_metrics: Record<string, { value: number | string; standard_deviation: number | string }>;
    };
    expect(s.dataset).toEqual({ item_count: 4, evaluation_time: '2026-12-07T04:00:00.000Z' });
    const m = s.binary_classification_metrics;
    expect(m.confusion_matrix).toEqual({ '0': { '0': 1, '1': 2 }, '1': { '0': 0, '1': 1 } });
    const values = (names: string[]) => names.map((n) => m[n]!.value);
    // The documentation's values, field by field (its example has fewer than 200 rows: standard deviations "NaN").
    expect(values(['recall', 'precision', 'accuracy'])).toEqual([1, 1 / 3, 0.5]);
    expect(values(['recall_best_constant_classifier', 'precision_best_constant_classifier', 'accuracy_best_constant_classifier'])).toEqual([
      1, 0.25, 0.25,
    ]);
    expect(m.true_positive_rate!.value).toBe(1);
    expect(m.true_negative_rate!.value).toBeCloseTo(0.33333333333333337, 15);
    expect(m.false_positive_rate!.value).toBeCloseTo(0.6666666666666666, 15);
    expect(m.false_negative_rate!.value).toBe(0);
    expect(m.f1!.value).toBeCloseTo(0.5, 15);
    expect(m.f0_5!.value).toBeCloseTo((1.25 * (1 / 3)) / (0.25 * (1 / 3) + 1), 15);
    expect(m.f2!.value).toBeCloseTo((5 * (1 / 3)) / (4 * (1 / 3) + 1), 15);
    expect(m.f1_best_constant_classifier!.value).toBeCloseTo(0.4, 15);
    expect(m.recall!.standard_deviation).toBe('NaN');
    expect(m.auc).toBeUndefined();
  });

  it('gives standard deviations over 5 subsamples of 80 % from 200 rows on, the same for one seed', () => {
    const n = 250;
    const yTrue = new Float64Array(n);
    const yPred = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      yTrue[i] = i / 10;
      yPred[i] = i / 10 + (i % 7) - 3;
    }
    const data: ModelData = { task: 'regression', frame, yTrue, yPred };
    const s = modelQualityStatistics(data, { seed: 3 }) as {
      regression_metrics: Record<string, { value: number; standard_deviation: number }>;
    };
    const r = s.regression_metrics;
    let abs = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      abs += Math.abs((i % 7) - 3);
      sq += ((i % 7) - 3) ** 2;
    }
    expect(r.mae!.value).toBeCloseTo(abs / n, 12);
    expect(r.mse!.value).toBeCloseTo(sq / n, 12);
    expect(r.rmse!.value).toBeCloseTo(Math.sqrt(sq / n), 12);
    for (const name of ['mae', 'mse', 'rmse', 'r2']) {
      expect(typeof r[name]!.standard_deviation).toBe('number');
      expect(r[name]!.standard_deviation).toBeGreaterThan(0);
      expect(r[name]!.standard_deviation).toBeLessThan(0.5);
    }
    expect(modelQualityStatistics(data, { seed: 3 })).toEqual(s);
    expect((modelQualityStatistics(data, { seed: 4 }) as typeof s).regression_metrics.mae!.standard_deviation).not.toBe(
      r.mae!.standard_deviation,
    );
  });

  it('writes the multiclass confusion matrix and weighted metrics', () => {
    const data: ModelData = {
      task: 'multiclass',
      frame,
      classification: { classes: ['a', 'b', 'c'], yTrue: Int32Array.from([0, 1, 2, 2, -1]), yPred: Int32Array.from([0, 2, 2, 1, 0]) },
    };
    const s = modelQualityStatistics(data) as { dataset: unknown; multiclass_classification_metrics: Record<string, { value: number }> };
    // The row without a label is left out.
    expect(s.dataset).toEqual({ item_count: 4 });
    const m = s.multiclass_classification_metrics;
    expect(m.confusion_matrix).toEqual({ a: { a: 1, b: 0, c: 0 }, b: { a: 0, b: 0, c: 1 }, c: { a: 0, b: 1, c: 1 } });
    expect(m.accuracy!.value).toBe(0.5);
    // weighted recall = Σ support·recall / n = (1·1 + 1·0 + 2·0.5) / 4
    expect(m.weighted_recall!.value).toBeCloseTo(0.5, 15);
  });
});
