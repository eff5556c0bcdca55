import { type ChunkedDriftReport, type DriftReport, type MetricPoint, type WindowPointOptions, windowPoint } from '@driftwatch/core';
import { driftMetricPoints } from '../points/driftMetricPoints.js';

/**
 * The metric points of a chunked report: for each chunk, the points
 * {@link driftMetricPoints} gives for a plain check, and per column its data
 * quality: `quality.missing_share`, `quality.unseen_share` (categorical) and
 * `quality.out_of_range_share` (numeric), dimension `feature`. Each window's
 * points are placed by {@link windowPoint}: by default stamped with the
 * window's start and a `window` dimension naming the report's chunking, so
 * each figure is one time series; with `chunkDimension` a `chunk` dimension
 * holding the chunk key, at the report's time.
 */
export function chunkedMetricPoints(
  report: ChunkedDriftReport,
  dimensions: Readonly<Record<string, string>> = {},
  options: Pick<WindowPointOptions, 'chunkDimension'> = {},
): MetricPoint[] {
  const points: MetricPoint[] = [];
  const placement = { chunking: report.chunking, ...options };
  for (const c of report.chunks) {
    const at = windowPoint(c, report.generatedAt, dimensions, placement);
    const asReport: DriftReport = {
      schemaVersion: 1,
      generatedAt: at.timestamp,
      reference: { source: report.reference.source, rows: report.reference.rows },
      current: { source: report.current.source, rows: c.rows },
      dataset: c.dataset,
      columns: c.columns,
    };
    const chunk = at.chunk !== undefined ? { chunk: at.chunk } : {};
    for (const p of driftMetricPoints(asReport, at.dimensions)) points.push({ ...p, ...chunk });
    // Data quality as points too, so alert rules (and provider alarms) can watch it per window.
    for (const q of c.quality) {
      const dims = { ...at.dimensions, feature: q.column };
      const share = (name: string, value: number | null | undefined) => {
        if (value !== null && value !== undefined)
          points.push({ name, value, unit: 'None', timestamp: at.timestamp, dimensions: dims, ...chunk });
      };
      share('quality.missing_share', q.missingShare);
      share('quality.unseen_share', q.unseen?.share);
      if (q.range) share('quality.out_of_range_share', (q.range.belowShare ?? 0) + (q.range.aboveShare ?? 0));
    }
  }
  return points;
}
