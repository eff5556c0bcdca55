import { type MetricPoint, type PerformanceReport, type WindowPointOptions, windowPoint } from '@driftwatch/core';

/**
 * `performance.<metric>` points: over all rows at the report's time, and per
 * window placed by {@link windowPoint} (by default at the window's start with
 * a `window` dimension; with `chunkDimension` a `chunk` dimension instead).
 */
export function performancePoints(
  report: PerformanceReport,
  dimensions: Readonly<Record<string, string>> = {},
  options: WindowPointOptions = {},
): MetricPoint[] {
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
      const at = windowPoint({ key: p.chunk, startDate: p.startDate }, timestamp, { ...dimensions, metric: s.metric }, options);
      points.push({ name: `performance.${s.metric.split(':')[0]}`, value: p.value, unit: 'None', ...at });
    }
  }
  return points;
}
