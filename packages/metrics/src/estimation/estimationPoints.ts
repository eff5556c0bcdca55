import { type EstimationReport, type MetricPoint, type WindowPointOptions, windowPoint } from '@driftwatch/core';

/**
 * `estimated.<metric>` points, one per window, placed by {@link windowPoint}
 * (by default at the window's start with a `window` dimension; with
 * `chunkDimension` a `chunk` dimension instead).
 */
export function estimationPoints(
  report: EstimationReport,
  dimensions: Readonly<Record<string, string>> = {},
  options: WindowPointOptions = {},
): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const s of report.series) {
    for (const p of s.points) {
      if (p.estimate === null) continue;
      const at = windowPoint({ key: p.chunk, startDate: p.startDate }, report.generatedAt, { ...dimensions, metric: s.metric }, options);
      points.push({ name: `estimated.${s.metric}`, value: p.estimate, unit: 'None', ...at });
    }
  }
  return points;
}
