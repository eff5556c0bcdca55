import type { PerformanceReport } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { performancePoints } from './performancePoints.js';

const report = {
  generatedAt: '2026-03-01T00:00:00.000Z',
  metrics: [
    { metric: 'f1', value: 0.8 },
    { metric: 'roc_auc:macro', value: null, reason: 'single_class' },
  ],
  series: [
    {
      metric: 'f1',
      points: [
        { chunk: '2026-W09', value: 0.7, startDate: '2026-02-23T00:00:00.000Z' },
        { chunk: '2026-W10', value: null },
      ],
    },
  ],
} as unknown as PerformanceReport;

describe('performancePoints', () => {
  it('publishes defined figures over all rows and per window (a time series at the window start), named by the metric without its options', () => {
    expect(performancePoints(report, { monitor: 'm' }, { chunking: { by: 'period', period: 'week', timestamp: 'ts' } })).toEqual([
      {
        name: 'performance.f1',
        value: 0.8,
        unit: 'None',
        timestamp: '2026-03-01T00:00:00.000Z',
        dimensions: { monitor: 'm', metric: 'f1' },
      },
      {
        name: 'performance.f1',
        value: 0.7,
        unit: 'None',
        timestamp: '2026-02-23T00:00:00.000Z',
        dimensions: { monitor: 'm', metric: 'f1', window: 'week' },
        chunk: '2026-W09',
      },
    ]);
  });

  it('keeps the chunk dimension and the report time with chunkDimension', () => {
    expect(performancePoints(report, {}, { chunkDimension: true })[1]).toEqual({
      name: 'performance.f1',
      value: 0.7,
      unit: 'None',
      timestamp: '2026-03-01T00:00:00.000Z',
      dimensions: { metric: 'f1', chunk: '2026-W09' },
    });
  });
});
