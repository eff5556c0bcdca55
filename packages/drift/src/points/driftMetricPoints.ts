import type { DriftReport, MetricPoint } from '@driftwatch/core';

/**
 * The metric points of a drift report: one `drift.score` per tested column
 * and method (the p-value for tests, the distance otherwise, `measure` says
 * which), and the dataset's `dataset.drift_share`. A text column's
 * descriptors publish theirs too (feature `<column>.<descriptor>`). Skipped columns publish
 * nothing; an infinite statistic is published as `Number.MAX_VALUE` since
 * metric back ends reject non-finite values.
 */
export function driftMetricPoints(report: DriftReport, dimensions: Readonly<Record<string, string>> = {}): MetricPoint[] {
  const timestamp = report.generatedAt;
  const points: MetricPoint[] = [];
  for (const c of report.columns.flatMap((col) => [col, ...(col.text?.descriptors ?? [])])) {
    if (c.skipped !== undefined) continue;
    const raw = c.measure === 'p_value' ? (c.pValue as number) : (c.statistic as number);
    points.push({
      name: 'drift.score',
      value: Number.isFinite(raw) ? raw : raw > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE,
      unit: 'None',
      timestamp,
      dimensions: { ...dimensions, feature: c.column, method: c.method, measure: c.measure },
    });
  }
  points.push({
    name: 'dataset.drift_share',
    value: report.dataset.share,
    unit: 'None',
    timestamp,
    dimensions: { ...dimensions },
  });
  return points;
}
