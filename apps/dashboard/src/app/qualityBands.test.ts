import type { EstimationReport, PerformanceReport } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { qualityCharts } from './qualityBands.js';

const point = (chunk: string, value: number, alert: boolean) => ({
  chunk,
  rows: 100,
  labelledRows: 100,
  value,
  samplingError: 0.01,
  lower: value - 0.03,
  upper: value + 0.03,
  alert,
  ...(alert && { side: 'below' as const }),
});

describe('qualityCharts', () => {
  it('lays out realised and estimated metrics with reference chunks first, thresholds and ±3·SE bands, as the HTML report', () => {
    const performance = {
      series: [
        {
          metric: 'f1',
          thresholdType: 'std',
          threshold: { lower: 0.5, upper: 0.9 },
          reference: [
            { chunk: 'W1', value: 0.7 },
            { chunk: 'W2', value: 0.72 },
          ],
          points: [point('W3', 0.6, false), point('W4', 0.45, true)],
        },
      ],
    } as unknown as PerformanceReport;
    const estimation = {
      series: [
        {
          metric: 'accuracy',
          threshold: { lower: 0.6, upper: null },
          reference: [{ chunk: 'W1', value: 0.8 }],
          points: [
            {
              chunk: 'W2',
              rows: 100,
              estimate: 0.75,
              samplingError: 0.02,
              lower: 0.69,
              upper: 0.81,
              alert: false,
              labelledRows: 50,
              realised: 0.7,
            },
          ],
        },
      ],
    } as unknown as EstimationReport;
    const [f1, accuracy, ...rest] = qualityCharts({ performance, estimation });
    expect(rest).toEqual([]);
    expect(f1).toMatchObject({
      title: 'f1',
      description: 'Alert outside the shaded band (std threshold).',
      chunks: ['W1', 'W2', 'W3', 'W4'],
      referencePeriod: [true, true, false, false],
      threshold: { lower: 0.5, upper: 0.9 },
    });
    expect(f1?.lines).toHaveLength(1);
    expect(f1?.lines[0]?.values).toEqual([0.7, 0.72, 0.6, 0.45]);
    expect(f1?.lines[0]?.lower?.map((v) => (v === null ? null : Number(v.toFixed(2))))).toEqual([null, null, 0.57, 0.42]);
    expect(f1?.lines[0]?.alerts).toEqual([false, false, false, true]);
    expect(accuracy?.title).toBe('estimated accuracy');
    expect(accuracy?.threshold).toEqual({ lower: 0.6, upper: null });
    expect(accuracy?.lines.map((l) => [l.name, l.values])).toEqual([
      ['estimated', [0.8, 0.75]],
      ['realised', [null, 0.7]],
    ]);
  });

  it('has no chart for a result without model quality', () => {
    expect(qualityCharts({})).toEqual([]);
  });
});
