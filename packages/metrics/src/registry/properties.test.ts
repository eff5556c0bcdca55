import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClassificationInput } from '../classification/ClassificationInput.js';
import { findAlerts } from '../thresholds/findAlerts.js';
import { resolveThreshold } from '../thresholds/resolveThreshold.js';
import { metricSamplingError } from '../uncertainty/metricSamplingError.js';
import { computeMetric } from './computeMetric.js';
import { evaluateMetrics } from './evaluateMetrics.js';
import { metricNames } from './metricRegistry.js';

const CLASSIFICATION = [
  'accuracy',
  'balanced_accuracy',
  'precision',
  'recall',
  'f1',
  'fbeta',
  'roc_auc',
  'log_loss',
  'brier',
  'mcc',
  'cohen_kappa',
  'specificity',
];
const REGRESSION = ['mae', 'mse', 'rmse', 'mape', 'median_ae', 'r2', 'explained_variance', 'max_error'];

const binaryRows = fc.array(
  fc.record({ t: fc.integer({ min: 0, max: 1 }), p: fc.integer({ min: 0, max: 1 }), s: fc.integer({ min: 0, max: 20 }) }),
  {
    minLength: 1,
    maxLength: 60,
  },
);

function binaryOf(rows: { t: number; p: number; s: number }[]): ClassificationInput {
  return {
    yTrue: Int32Array.from(rows, (r) => r.t),
    yPred: Int32Array.from(rows, (r) => r.p),
    classes: ['a', 'b'],
    scores: Float64Array.from(rows, (r) => r.s / 20),
  };
}

function same(a: { value: number | null }, b: { value: number | null }): boolean {
  if (a.value === null || b.value === null) return a.value === b.value;
  return Math.abs(a.value - b.value) <= 1e-12 * Math.max(1, Math.abs(a.value));
}

describe('invariants', () => {
  it('row order changes no classification metric', () => {
    fc.assert(
      fc.property(binaryRows, fc.integer(), (rows, seed) => {
        const shuffled = [...rows].sort((x, y) => ((x.s * 31 + x.t * 7 + x.p + seed) % 13) - ((y.s * 31 + y.t * 7 + y.p + seed) % 13));
        for (const m of CLASSIFICATION) {
          expect(same(computeMetric(m, binaryOf(rows)), computeMetric(m, binaryOf(shuffled))), m).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('a row subset equals the metric on the copied rows, and subarray views equal a range', () => {
    fc.assert(
      fc.property(binaryRows, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (rows, picks) => {
        const input = binaryOf(rows);
        const idx = Int32Array.from(picks, (p) => p % rows.length);
        const copied = binaryOf(Array.from(idx, (i) => rows[i]));
        const half = rows.length >> 1 || 1;
        const view: ClassificationInput = {
          ...input,
          yTrue: input.yTrue.subarray(0, half),
          yPred: input.yPred!.subarray(0, half),
          scores: input.scores!.subarray(0, half),
        };
        const range = Int32Array.from({ length: half }, (_, i) => i);
        for (const m of CLASSIFICATION) {
          expect(same(computeMetric(m, input, { rows: idx }), computeMetric(m, copied)), m).toBe(true);
          expect(same(computeMetric(m, view), computeMetric(m, input, { rows: range })), m).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
  it('identical predictions give the best value of each regression metric', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }), (ys) => {
        const y = Float64Array.from(ys);
        for (const m of REGRESSION) {
          const v = computeMetric(m, { yTrue: y, yPred: y }).value;
          expect(v, m).toBe(m === 'r2' || m === 'explained_variance' ? 1 : 0);
        }
      }),
      { numRuns: 40 },
    );
  });
  it('every value lies in its registered range', () => {
    fc.assert(
      fc.property(binaryRows, (rows) => {
        for (const r of evaluateMetrics(binaryOf(rows), CLASSIFICATION)) {
          if (r.value.value === null) continue;
          expect(r.value.value).toBeGreaterThanOrEqual(r.spec.name === 'mcc' || r.spec.name === 'cohen_kappa' ? -1 - 1e-12 : 0);
          if (r.spec.name !== 'log_loss') expect(r.value.value).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { numRuns: 60 },
    );
    expect(CLASSIFICATION.length + REGRESSION.length + 1).toBe(metricNames.length); // + average_precision, covered by fixtures
  });
});

describe('README example', () => {
  it('works as documented', () => {
    const input = {
      yTrue: Int32Array.from([0, 1, 1, 0, 1]),
      yPred: Int32Array.from([0, 1, 0, 0, 1]),
      classes: ['no', 'yes'],
      positive: 1,
      scores: Float64Array.from([0.1, 0.9, 0.4, 0.2, 0.7]),
    };
    const r = evaluateMetrics(input, ['f1', 'roc_auc', 'log_loss'], { interval: { seed: 1 } });
    expect(r[0]).toMatchObject({ metric: 'f1', spec: { name: 'f1' }, value: { value: 0.8 }, interval: { level: 0.95, resamples: 1000 } });
    expect(evaluateMetrics(input, ['accuracy'], { rows: Int32Array.from([4, 4, 1]) })[0].value).toEqual({ value: 1 });
    const p = computeMetric('accuracy', input).value!;
    expect(metricSamplingError('accuracy', input, { chunkSize: 1000 }).standardError.value).toBeCloseTo(
      Math.sqrt((p * (1 - p)) / 1000),
      15,
    );
    const bounds = resolveThreshold('f1', { type: 'std' }, { referenceValues: [0.81, 0.8, 0.82] });
    expect(findAlerts(bounds, [0.8, 0.7])).toEqual([
      { alert: false, side: null },
      { alert: true, side: 'below' },
    ]);
  });
});
