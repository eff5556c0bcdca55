import type { MultivariateDrift } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { multivariateMetricPoints } from './multivariateMetricPoints.js';

const drift: MultivariateDrift = {
  method: 'classifier',
  columns: ['a', 'b'],
  skipped: [],
  lower: 0.45,
  upper: 0.65,
  points: [
    {
      chunk: '2026-W01',
      startDate: '2025-12-29T00:00:00.000Z',
      rows: 10,
      value: 0.5,
      samplingError: null,
      lower: 0.45,
      upper: 0.65,
      alert: false,
    },
    {
      chunk: '2026-W02',
      startDate: '2026-01-05T00:00:00.000Z',
      rows: 10,
      value: null,
      samplingError: null,
      lower: 0.45,
      upper: 0.65,
      alert: false,
    },
  ],
  summary: { alerts: 0, drifted: false, alertChunkKeys: [] },
};

describe('multivariateMetricPoints', () => {
  it('stamps each window at its start with a window dimension; a chunk without a value publishes only its alert', () => {
    const points = multivariateMetricPoints(
      drift,
      '2026-02-01T00:00:00.000Z',
      { by: 'period', period: 'week', timestamp: 'ts' },
      { env: 'prod' },
    );
    expect(points).toEqual([
      {
        name: 'multivariate.value',
        value: 0.5,
        unit: 'None',
        timestamp: '2025-12-29T00:00:00.000Z',
        dimensions: { env: 'prod', method: 'classifier', window: 'week' },
        chunk: '2026-W01',
      },
      {
        name: 'multivariate.alert',
        value: 0,
        unit: 'Count',
        timestamp: '2025-12-29T00:00:00.000Z',
        dimensions: { env: 'prod', method: 'classifier', window: 'week' },
        chunk: '2026-W01',
      },
      {
        name: 'multivariate.alert',
        value: 0,
        unit: 'Count',
        timestamp: '2026-01-05T00:00:00.000Z',
        dimensions: { env: 'prod', method: 'classifier', window: 'week' },
        chunk: '2026-W02',
      },
    ]);
  });

  it('with chunkDimension: a chunk dimension at the run time', () => {
    const points = multivariateMetricPoints(drift, '2026-02-01T00:00:00.000Z', { by: 'size', size: 10 }, {}, { chunkDimension: true });
    expect(points[0]).toEqual({
      name: 'multivariate.value',
      value: 0.5,
      unit: 'None',
      timestamp: '2026-02-01T00:00:00.000Z',
      dimensions: { method: 'classifier', chunk: '2026-W01' },
    });
  });
});
