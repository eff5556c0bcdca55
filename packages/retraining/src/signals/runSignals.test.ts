import type { DriftReport, MonitorRunResult } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { runSignals } from './runSignals.js';

const drift = (drifted: boolean, columns: [string, boolean][]) =>
  ({
    dataset: { drifted, driftedColumns: columns.filter(([, d]) => d).length, testedColumns: columns.length, share: 0, datasetShare: 0.5 },
    columns: columns.map(([column, d]) => ({ column, drifted: d })),
  }) as unknown as DriftReport;

const result = (extra: Partial<MonitorRunResult>): MonitorRunResult => ({
  schemaVersion: 1,
  runId: 'run-1',
  monitor: 'm',
  startedAt: '2026-03-01T00:00:00Z',
  finishedAt: '2026-03-01T00:00:01Z',
  status: 'drift',
  drift: drift(true, [
    ['a', true],
    ['b', false],
    ['c', true],
  ]),
  alerts: [],
  failedSinks: [],
  publishedPoints: 0,
  ...extra,
});

const series = (chunks: string[]) => [{ metric: 'f1', points: chunks.map((chunk) => ({ chunk })) }];

describe('runSignals', () => {
  it('reads dataset drift and the drifted features', () => {
    expect(runSignals(result({}))).toEqual({ runId: 'run-1', datasetDrifted: true, driftedFeatures: ['a', 'c'], metricAlerts: [] });
  });

  it("keeps only the latest window's metric alerts, realised and estimated, with the labelled row count", () => {
    const signals = runSignals(
      result({
        performance: {
          data: { labelledRows: 1200 },
          series: series(['W1', 'W2', 'W3']),
          alerts: [
            { metric: 'f1', chunk: 'W2', value: 0.5, side: 'below' },
            { metric: 'f1', chunk: 'W3', value: 0.41234, side: 'below' },
          ],
        },
        estimation: {
          series: series(['W1', 'W2', 'W3', 'W4']),
          alerts: [
            { metric: 'roc_auc', chunk: 'W4', estimate: 0.6, side: 'below' },
            { metric: 'roc_auc', chunk: 'W3', estimate: 0.6, side: 'below' },
          ],
        },
      }),
    );
    expect(signals.newLabelledRows).toBe(1200);
    expect(signals.metricAlerts).toEqual([
      { metric: 'f1', source: 'realised', reason: 'f1 0.4123 below its threshold in W3' },
      { metric: 'roc_auc', source: 'estimated', reason: 'estimated roc_auc 0.6000 below its threshold in W4' },
    ]);
  });

  it('counts every alert without windows, and no drift for a run without a drift report', () => {
    const signals = runSignals(
      result({
        drift: null,
        performance: { data: { labelledRows: 10 }, alerts: [{ metric: 'rmse', chunk: 'all', value: 3, side: 'above' }] },
      }),
    );
    expect(signals.datasetDrifted).toBe(false);
    expect(signals.driftedFeatures).toEqual([]);
    expect(signals.metricAlerts).toEqual([{ metric: 'rmse', source: 'realised', reason: 'rmse 3.0000 above its threshold in all' }]);
  });
});
