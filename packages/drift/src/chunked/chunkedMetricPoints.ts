import type { ChunkedDriftReport, DriftReport, MetricPoint } from '@driftwatch/core';
import { driftMetricPoints } from '../points/driftMetricPoints.js';

/**
 * The metric points of a chunked report: for each chunk, the points
 * {@link driftMetricPoints} gives for a plain check, with a `chunk`
 * dimension holding the chunk key, and per column its data quality:
 * `quality.missing_share`, `quality.unseen_share` (categorical) and
 * `quality.out_of_range_share` (numeric), dimensions `feature` and `chunk`.
 */
export function chunkedMetricPoints(report: ChunkedDriftReport, dimensions: Readonly<Record<string, string>> = {}): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const c of report.chunks) {
    const asReport: DriftReport = {
      schemaVersion: 1,
      generatedAt: report.generatedAt,
      reference: { source: report.reference.source, rows: report.reference.rows },
      current: { source: report.current.source, rows: c.rows },
      dataset: c.dataset,
      columns: c.columns,
    };
    points.push(...driftMetricPoints(asReport, { ...dimensions, chunk: c.key }));
    // Data quality as points too, so alert rules (and provider alarms) can watch it per chunk.
    const timestamp = report.generatedAt;
    for (const q of c.quality) {
      const dims = { ...dimensions, chunk: c.key, feature: q.column };
      const share = (name: string, value: number | null | undefined) => {
        if (value !== null && value !== undefined) points.push({ name, value, unit: 'None', timestamp, dimensions: dims });
      };
      share('quality.missing_share', q.missingShare);
      share('quality.unseen_share', q.unseen?.share);
      if (q.range) share('quality.out_of_range_share', (q.range.belowShare ?? 0) + (q.range.aboveShare ?? 0));
    }
  }
  return points;
}
