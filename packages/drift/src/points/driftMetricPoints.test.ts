import type { ColumnDrift, DriftReport } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { driftMetricPoints } from './driftMetricPoints.js';

const sides = { rows: 10, missing: 0, invalid: 0, infinite: 0 };
const column = (over: Partial<ColumnDrift>): ColumnDrift => ({
  column: 'x',
  kind: 'numeric',
  method: 'ks',
  measure: 'p_value',
  rule: 'p<=t',
  statistic: 0.4,
  pValue: 0.01,
  threshold: 0.05,
  drifted: true,
  reference: sides,
  current: sides,
  ...over,
});

const report = (columns: ColumnDrift[]): DriftReport => ({
  schemaVersion: 1,
  generatedAt: '2026-03-01T00:00:00.000Z',
  reference: { source: 'ref.csv', rows: 10 },
  current: { source: 'cur.csv', rows: 10 },
  dataset: { drifted: true, driftedColumns: 2, testedColumns: 3, share: 2 / 3, datasetShare: 0.5, correction: 'none' },
  columns,
});

describe('driftMetricPoints', () => {
  it('publishes the p-value of a test, the distance otherwise, skips skipped columns and ends with the drift share', () => {
    const points = driftMetricPoints(
      report([
        column({ column: 'age' }),
        column({ column: 'city', kind: 'categorical', method: 'psi', measure: 'distance', rule: 'd>=t', statistic: 0.3, pValue: null }),
        column({ column: 'zip', statistic: null, pValue: null, drifted: false, skipped: 'constant' }),
      ]),
      { monitor: 'm' },
    );
    expect(points).toEqual([
      {
        name: 'drift.score',
        value: 0.01,
        unit: 'None',
        timestamp: '2026-03-01T00:00:00.000Z',
        dimensions: { monitor: 'm', feature: 'age', method: 'ks', measure: 'p_value' },
      },
      {
        name: 'drift.score',
        value: 0.3,
        unit: 'None',
        timestamp: '2026-03-01T00:00:00.000Z',
        dimensions: { monitor: 'm', feature: 'city', method: 'psi', measure: 'distance' },
      },
      { name: 'dataset.drift_share', value: 2 / 3, unit: 'None', timestamp: '2026-03-01T00:00:00.000Z', dimensions: { monitor: 'm' } },
    ]);
  });

  it("publishes a text column's content score and each tested descriptor's, even when the content was skipped", () => {
    const descriptors = [
      column({ column: 'review.length', pValue: 0.2, drifted: false }),
      column({ column: 'review.words', skipped: 'constant', pValue: null, statistic: null }),
    ];
    const text = { descriptors, currentWords: [], referenceWords: [], bootstrap: null };
    const points = driftMetricPoints(
      report([
        column({ column: 'review', kind: 'text', method: 'text_content', measure: 'distance', statistic: 0.8, pValue: null, text }),
        column({ column: 'notes', kind: 'text', method: 'text_content', skipped: 'all missing', statistic: null, pValue: null, text }),
      ]),
    );
    expect(points.filter((p) => p.name === 'drift.score').map((p) => [p.dimensions.feature, p.value])).toEqual([
      ['review', 0.8],
      ['review.length', 0.2],
      ['review.length', 0.2],
    ]);
  });

  it('publishes an infinite distance as the largest finite number, since metric back ends reject non-finite values', () => {
    const infinite = (statistic: number) =>
      driftMetricPoints(report([column({ measure: 'distance', rule: 'd>=t', statistic, pValue: null })]))[0]?.value;
    expect(infinite(Number.POSITIVE_INFINITY)).toBe(Number.MAX_VALUE);
    expect(infinite(Number.NEGATIVE_INFINITY)).toBe(-Number.MAX_VALUE);
  });
});
