import type { EstimationReport, MonitorRunResult, PerformanceReport } from '@driftwatch/core';
import type { RunSignals } from '../policy/RunSignals.js';

/** A realised (`value`) or estimated (`estimate`) metric alert of a window. */
interface Alert {
  readonly metric: string;
  readonly chunk: string;
  readonly value?: number;
  readonly estimate?: number;
  readonly side: 'below' | 'above';
}

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
  const latest = (
    source: 'realised' | 'estimated',
    report: { readonly series?: Parameters<typeof latestChunk>[0]; readonly alerts: readonly Alert[] } | undefined,
  ) => {
    if (!report) return;
    const last = latestChunk(report.series);
    for (const a of report.alerts) {
      if (last !== undefined && a.chunk !== last) continue;
      const value = (a.value ?? a.estimate) as number;
      const what = source === 'estimated' ? `estimated ${a.metric}` : a.metric;
      metricAlerts.push({
        metric: a.metric,
        source,
        reason: `${what} ${value.toFixed(4)} ${a.side === 'below' ? 'below' : 'above'} its threshold in ${a.chunk}`,
      });
    }
  };
  latest('realised', performance);
  latest('estimated', estimation);
  return {
    runId: result.runId,
    datasetDrifted: result.drift?.dataset.drifted ?? false,
    driftedFeatures: result.drift ? result.drift.columns.filter((c) => c.drifted).map((c) => c.column) : [],
    metricAlerts,
    ...(performance ? { newLabelledRows: performance.data.labelledRows } : {}),
  };
}
