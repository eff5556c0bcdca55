import { readFileSync } from 'node:fs';
import type { Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import type { ModelData } from '../modelData/modelData.js';
import { binaryCurves, type CurveValue } from './binaryCurves.js';
import { modelQualityStatistics } from './modelQualityStatistics.js';

// sklearn's values (packages/metrics/scripts/reference/gen_binary_curves.py), NaN as null.
interface Case {
  name: string;
  yTrue: number[];
  scores: number[];
  fpr: (number | null)[];
  tpr: (number | null)[];
  precision: (number | null)[];
  recall: (number | null)[];
}

const fixtures = JSON.parse(readFileSync(new URL('./__fixtures__/binaryCurves.json', import.meta.url), 'utf8')) as { cases: Case[] };

const asCurve = (xs: (number | null)[]): CurveValue[] => xs.map((x) => (x === null ? 'NaN' : x));

function expectCurve(actual: readonly CurveValue[], expected: CurveValue[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (e === 'NaN') expect(a).toBe('NaN');
    else expect(a as number).toBeCloseTo(e, 14);
  });
}

describe('binaryCurves (Model Monitor ROC and precision-recall curves, as scikit-learn)', () => {
  for (const c of fixtures.cases) {
    it(`matches sklearn's roc_curve and precision_recall_curve: ${c.name}`, () => {
      const scores = Float64Array.from(c.scores);
      const rows = c.yTrue.map((_, i) => i);
      const curves = binaryCurves(scores, (i) => c.yTrue[i] === 1, rows);
      expectCurve(curves.receiver_operating_characteristic_curve.false_positive_rates, asCurve(c.fpr));
      expectCurve(curves.receiver_operating_characteristic_curve.true_positive_rates, asCurve(c.tpr));
      // Model Monitor lists the precision-recall points by increasing recall: sklearn's arrays reversed.
      expectCurve(curves.precision_recall_curve.precisions, asCurve([...c.precision].reverse()));
      expectCurve(curves.precision_recall_curve.recalls, asCurve([...c.recall].reverse()));
    });
  }

  it('is in the binary statistics.json when the model gives scores, over the labelled rows only', () => {
    const c = fixtures.cases.find((x) => x.name === 'ties')!;
    const frame: Frame = { rowCount: 0, columns: [], source: 'test' };
    // One more row whose label is missing (-1): it is not on the curves.
    const yTrue = Int32Array.from([...c.yTrue, -1]);
    const scores = Float64Array.from([...c.scores, 0.95]);
    const yPred = Int32Array.from([...c.scores, 0.95].map((s) => (s >= 0.5 ? 1 : 0)));
    const data: ModelData = { task: 'binary', frame, classification: { classes: ['0', '1'], yTrue, yPred, scores, positive: 1 } };
    const m = (modelQualityStatistics(data) as { binary_classification_metrics: Record<string, unknown> }).binary_classification_metrics;
    const roc = m.receiver_operating_characteristic_curve as { false_positive_rates: CurveValue[]; true_positive_rates: CurveValue[] };
    expectCurve(roc.false_positive_rates, asCurve(c.fpr));
    expectCurve(roc.true_positive_rates, asCurve(c.tpr));
    const pr = m.precision_recall_curve as { precisions: CurveValue[]; recalls: CurveValue[] };
    expectCurve(pr.recalls, asCurve([...c.recall].reverse()));
    const withoutScores = modelQualityStatistics({
      ...data,
      classification: { classes: ['0', '1'], yTrue, yPred, positive: 1 },
    }) as { binary_classification_metrics: Record<string, unknown> };
    expect(withoutScores.binary_classification_metrics.receiver_operating_characteristic_curve).toBeUndefined();
  });
});
