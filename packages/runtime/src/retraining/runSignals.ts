import type { RunSignals } from '@driftwatch/retraining';
import type { MonitorRunResult } from '../monitor/MonitorRunResult.js';
import type { EstimationReport } from '../performance/EstimationReport.js';
import type { PerformanceReport } from '../performance/PerformanceReport.js';

/** The last chunk of a series-bearing report: the present state of the model. */
function latestChunk(series: readonly { readonly points: readonly { readonly chunk: string }[] }[] | undefined): string | undefined {
  const points = series?.[0]?.points;
  return points && points.length > 0 ? points[points.length - 1]!.chunk : undefined;
}

/**
 * What the retraining policy sees of a monitor run: dataset drift, the
 * drifted features, and the metric alerts of the latest window (realised
 * and estimated). Older windows' alerts are history: they triggered (or
 * were blocked for) earlier attempts. Without windows every alert counts.
 */
export function runSignals(result: MonitorRunResult): RunSignals {
  const performance = result.performance as PerformanceReport | undefined;
  const estimation = result.estimation as EstimationReport | undefined;
  const metricAlerts: RunSignals['metricAlerts'][number][] = [];
  if (performance) {
    const last = latestChunk(performance.series);
    for (const a of performance.alerts) {
      if (last !== undefined && a.chunk !== last) continue;
      metricAlerts.push({
        metric: a.metric,
        source: 'realised',
        reason: `${a.metric} ${a.value.toFixed(4)} ${a.side === 'below' ? 'below' : 'above'} its threshold in ${a.chunk}`,
      });
    }
  }
  if (estimation) {
    const last = latestChunk(estimation.series);
    for (const a of estimation.alerts) {
      if (last !== undefined && a.chunk !== last) continue;
      metricAlerts.push({
        metric: a.metric,
        source: 'estimated',
        reason: `estimated ${a.metric} ${a.estimate.toFixed(4)} ${a.side === 'below' ? 'below' : 'above'} its threshold in ${a.chunk}`,
      });
    }
  }
  return {
    runId: result.runId,
    datasetDrifted: result.drift?.dataset.drifted ?? false,
    driftedFeatures: result.drift ? result.drift.columns.filter((c) => c.drifted).map((c) => c.column) : [],
    metricAlerts,
    ...(performance ? { newLabelledRows: performance.data.labelledRows } : {}),
  };
}
