import type { EstimationReport } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { estimationPoints } from './estimationPoints.js';

describe('estimationPoints', () => {
  it('publishes one point per chunk with an estimate', () => {
    const report = {
      generatedAt: '2026-03-01T00:00:00.000Z',
      series: [
        {
          metric: 'roc_auc',
          points: [
            { chunk: 'rows 0–99', estimate: 0.91, startDate: '2026-02-23T00:00:00.000Z' },
            { chunk: 'rows 100–199', estimate: null },
          ],
        },
      ],
    } as unknown as EstimationReport;
    expect(estimationPoints(report, { monitor: 'm' }, { chunking: { by: 'count', count: 2 } })).toEqual([
      {
        name: 'estimated.roc_auc',
        value: 0.91,
        unit: 'None',
        timestamp: '2026-02-23T00:00:00.000Z',
        dimensions: { monitor: 'm', metric: 'roc_auc', window: '2-windows' },
        chunk: 'rows 0–99',
      },
    ]);
  });

  it('puts a chunk dimension and the report time on the points only with chunkDimension', () => {
    const report = {
      generatedAt: '2026-03-01T00:00:00.000Z',
      series: [{ metric: 'roc_auc', points: [{ chunk: '2026-W09', estimate: 0.91, startDate: '2026-02-23T00:00:00.000Z' }] }],
    } as unknown as EstimationReport;
    expect(estimationPoints(report, {}, { chunkDimension: true })).toEqual([
      {
        name: 'estimated.roc_auc',
        value: 0.91,
        unit: 'None',
        timestamp: '2026-03-01T00:00:00.000Z',
        dimensions: { metric: 'roc_auc', chunk: '2026-W09' },
      },
    ]);
  });
});
