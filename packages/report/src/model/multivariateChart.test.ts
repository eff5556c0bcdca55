import type { ChunkedDriftReport, MultivariateDrift } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { chunkedDriftReportModel } from './chunkedDriftReportModel.js';
import { multivariateChart } from './multivariateChart.js';
import { validateReportModel } from './validateReportModel.js';

const drift: MultivariateDrift = {
  method: 'reconstruction',
  columns: ['a', 'b', 'c'],
  skipped: [],
  components: 2,
  explainedVariance: 0.7,
  reference: { values: [1.0, 1.1] },
  lower: 0.9,
  upper: 1.2,
  points: [
    { chunk: 'rows 0–99', rows: 100, value: 1.05, samplingError: 0.01, lower: 0.9, upper: 1.2, alert: false },
    { chunk: 'rows 100–199', rows: 100, value: 1.5, samplingError: 0.02, lower: 0.9, upper: 1.2, alert: true },
  ],
  summary: { alerts: 1, drifted: true, alertChunkKeys: ['rows 100–199'] },
};

describe('multivariateChart', () => {
  it('draws reference chunks muted, then current chunks with the threshold band and ±3 SE', () => {
    const chart = multivariateChart(drift);
    expect(chart.chunks).toEqual(['reference 1', 'reference 2', 'rows 0–99', 'rows 100–199']);
    expect(chart.referencePeriod).toEqual([true, true, false, false]);
    expect(chart.threshold).toEqual({ lower: 0.9, upper: 1.2 });
    expect(chart.series[0].values).toEqual([1.0, 1.1, 1.05, 1.5]);
    expect(chart.series[0].alerts).toEqual([false, false, false, true]);
    expect(chart.series[0].upper?.[3]).toBeCloseTo(1.56, 12);
    expect(chart.series[0].lower?.[2]).toBeCloseTo(1.02, 12);
    expect(chart.description).toMatch(/2 components, 70\.0%.* 1 of 2 chunks alert/);
  });

  it('comes first among the time series of a chunked report that has it', () => {
    const report: ChunkedDriftReport = {
      schemaVersion: 1,
      kind: 'chunked-drift',
      generatedAt: '2026-01-01T00:00:00.000Z',
      reference: { source: 'ref.csv', rows: 200, chunks: 0 },
      current: { source: 'cur.csv', rows: 200, missingTimestamps: 0, droppedRows: 0 },
      chunking: { by: 'size', size: 100 },
      summary: { chunks: 0, driftedChunks: 0, drifted: false, driftedChunkKeys: [] },
      chunks: [],
      series: [],
      multivariate: drift,
    };
    const model = chunkedDriftReportModel(report);
    expect(model.timeSeries?.[0]?.title).toBe('Multivariate drift — reconstruction');
    expect(validateReportModel(model)).toEqual([]);
  });
});
