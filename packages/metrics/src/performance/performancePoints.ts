import type { MetricPoint, PerformanceReport } from '@driftwatch/core';

/** `performance.<metric>` points: over all rows, and per chunk with a `chunk` dimension. */
export function performancePoints(report: PerformanceReport, dimensions: Readonly<Record<string, string>> = {}): MetricPoint[] {
  const timestamp = report.generatedAt;
  const points: MetricPoint[] = [];
  for (const m of report.metrics) {
    if (m.value === null) continue;
    points.push({
      name: `performance.${m.metric.split(':')[0]}`,
      value: m.value,
      unit: 'None',
      timestamp,
      dimensions: { ...dimensions, metric: m.metric },
    });
  }
  for (const s of report.series ?? []) {
    for (const p of s.points) {
      if (p.value === null) continue;
      points.push({
        name: `performance.${s.metric.split(':')[0]}`,
        value: p.value,
        unit: 'None',
        timestamp,
        dimensions: { ...dimensions, metric: s.metric, chunk: p.chunk },
      });
    }
  }
  return points;
}
