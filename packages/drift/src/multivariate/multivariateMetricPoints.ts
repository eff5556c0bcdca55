import { type ChunkSpec, type MetricPoint, type MultivariateDrift, windowPoint } from '@driftwatch/core';

/**
 * The metric points of multivariate drift: per chunk `multivariate.value` (the
 * mean reconstruction error or the classifier's ROC AUC) and
 * `multivariate.alert` (1 or 0), with a `method` dimension, placed by
 * `windowPoint` as every window figure (the chunk's start and a `window`
 * dimension, or a `chunk` dimension with `chunkDimension`).
 */
export function multivariateMetricPoints(
  drift: MultivariateDrift,
  generatedAt: string,
  chunking: ChunkSpec,
  dimensions: Readonly<Record<string, string>> = {},
  options: { readonly chunkDimension?: boolean } = {},
): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const p of drift.points) {
    const at = windowPoint(
      { key: p.chunk, startDate: p.startDate },
      generatedAt,
      { ...dimensions, method: drift.method },
      { chunking, ...options },
    );
    const chunk = at.chunk !== undefined ? { chunk: at.chunk } : {};
    if (p.value !== null)
      points.push({
        name: 'multivariate.value',
        value: p.value,
        unit: 'None',
        timestamp: at.timestamp,
        dimensions: at.dimensions,
        ...chunk,
      });
    points.push({
      name: 'multivariate.alert',
      value: p.alert ? 1 : 0,
      unit: 'Count',
      timestamp: at.timestamp,
      dimensions: at.dimensions,
      ...chunk,
    });
  }
  return points;
}
