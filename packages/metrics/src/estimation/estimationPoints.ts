import type { EstimationReport, MetricPoint } from '@driftwatch/core';

/** `estimated.<metric>` points, one per chunk. */
export function estimationPoints(report: EstimationReport, dimensions: Readonly<Record<string, string>> = {}): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const s of report.series) {
    for (const p of s.points) {
      if (p.estimate === null) continue;
      points.push({
        name: `estimated.${s.metric}`,
        value: p.estimate,
        unit: 'None',
        timestamp: report.generatedAt,
        dimensions: { ...dimensions, metric: s.metric, chunk: p.chunk },
      });
    }
  }
  return points;
}
