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

  it('publishes an infinite distance as the largest finite number, since metric back ends reject non-finite values', () => {
    const infinite = (statistic: number) =>
      driftMetricPoints(report([column({ measure: 'distance', rule: 'd>=t', statistic, pValue: null })]))[0]?.value;
    expect(infinite(Number.POSITIVE_INFINITY)).toBe(Number.MAX_VALUE);
    expect(infinite(Number.NEGATIVE_INFINITY)).toBe(-Number.MAX_VALUE);
  });
});
