/** The distances Evidently's `distance` method offers between mean vectors (scipy.spatial.distance). */
export const embeddingMetrics = ['euclidean', 'cosine', 'cityblock', 'chebyshev'] as const;

/** One of {@link embeddingMetrics}. */
export type EmbeddingMetric = (typeof embeddingMetrics)[number];

/**
 * scipy.spatial.distance's `euclidean`, `cosine` (1 − u·v / (‖u‖‖v‖), clipped to [0, 2] as scipy does),
 * `cityblock` and `chebyshev` between two vectors of one length.
 */
export function vectorDistance(metric: EmbeddingMetric, u: Float64Array, v: Float64Array): number {
  const n = u.length;
  switch (metric) {
    case 'euclidean': {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const d = (u[i] as number) - (v[i] as number);
        s += d * d;
      }
      return Math.sqrt(s);
    }
    case 'cosine': {
      let uv = 0;
      let uu = 0;
      let vv = 0;
      for (let i = 0; i < n; i++) {
        const a = u[i] as number;
        const b = v[i] as number;
        uv += a * b;
        uu += a * a;
        vv += b * b;
      }
      const d = 1 - uv / Math.sqrt(uu * vv);
      return Math.min(Math.max(d, 0), 2);
    }
    case 'cityblock': {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs((u[i] as number) - (v[i] as number));
      return s;
    }
    case 'chebyshev': {
      let s = 0;
      for (let i = 0; i < n; i++) s = Math.max(s, Math.abs((u[i] as number) - (v[i] as number)));
      return s;
    }
  }
}
