import type { ColumnDrift } from '@driftwatch/core';

/**
 * A column's method as reports show it. For an embedding, the method with what sets its score and cut-off:
 * `distance (cosine, bootstrap q=0.95; 384 dims)`, `ratio (ks at 0.05, PCA 8; 384 dims)`,
 * `model (bootstrap q=0.95; 384 dims)` — Evidently's defaults shown where they apply. Other columns: the name.
 */
export function embeddingMethodLabel(c: Pick<ColumnDrift, 'method' | 'kind' | 'embedding'>): string {
  if (c.kind !== 'embedding' || c.embedding === undefined) return c.method;
  const p = c.embedding.parameters;
  const parts: string[] = [];
  if (c.method === 'distance') parts.push(String(p.metric ?? 'euclidean'));
  if (c.method === 'ratio') parts.push(`${String(p.component ?? 'wasserstein')} at ${String(p.componentThreshold ?? 0.1)}`);
  if (p.bootstrap === true) parts.push(`bootstrap q=${c.embedding.bootstrapQuantile ?? String(p.quantile)}`);
  if (p.pcaComponents !== undefined) parts.push(`PCA ${String(p.pcaComponents)}`);
  const dims = `${c.embedding.dim} dims`;
  return parts.length > 0 ? `${c.method} (${parts.join(', ')}; ${dims})` : `${c.method} (${dims})`;
}
