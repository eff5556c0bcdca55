import { NumpyRandomState } from '@driftwatch/core';
import { columnMeans } from './columnMeans.js';
import type { EmbeddingDriftResult } from './EmbeddingDriftResult.js';
import { type EmbeddingMatrix, toFloat64 } from './EmbeddingMatrix.js';
import { numpyPercentile } from './numpyPercentile.js';
import { type EmbeddingMetric, vectorDistance } from './vectorDistance.js';

/** Options of {@link distanceDrift}; defaults are Evidently 0.7's `distance()`. */
export interface DistanceDriftOptions {
  /** Default `euclidean`. */
  readonly metric?: EmbeddingMetric;
  /** Drift when the distance is above it (without bootstrap). Default 0.2. */
  readonly threshold?: number;
  /** Compare with the `quantile` of 100 reference-vs-reference bootstrap distances instead. Default false. */
  readonly bootstrap?: boolean;
  /** Default 0.95. */
  readonly quantile?: number;
}

/** Evidently's `N_BOOTSTRAP`. */
export const bootstrapRounds = 100;

/**
 * Evidently's `DistanceDriftMethod`: the distance between the reference's and the current data's mean
 * vectors. With `bootstrap`, the cut-off is the `quantile` (numpy's linear percentile) of 100 distances
 * between the means of two resamples of the reference, of sizes ⌊m²/(m+n)⌋ and ⌊m·n/(m+n)⌋, drawn
 * with replacement after `np.random.seed(i)` for i = 0…99 — reproduced with numpy's legacy RandomState.
 */
export function distanceDrift(
  reference: EmbeddingMatrix,
  current: EmbeddingMatrix,
  options: DistanceDriftOptions = {},
): EmbeddingDriftResult {
  const metric = options.metric ?? 'euclidean';
  const { dim } = reference;
  const ref = toFloat64(reference);
  const cur = toFloat64(current);
  const m = reference.rows;
  const n = current.rows;
  const score = vectorDistance(metric, columnMeans(ref, dim, m), columnMeans(cur, dim, n));
  if (!options.bootstrap) {
    const threshold = options.threshold ?? 0.2;
    return { method: 'distance', statistic: score, threshold, drifted: score > threshold };
  }
  const quantile = options.quantile ?? 0.95;
  const refSize = Math.floor((m * m) / (m + n));
  const curSize = Math.floor((n * m) / (m + n));
  const scores = new Float64Array(bootstrapRounds);
  for (let i = 0; i < bootstrapRounds; i++) {
    const rs = new NumpyRandomState(i);
    const a = rs.choice(m, refSize);
    const b = rs.choice(m, curSize);
    scores[i] = vectorDistance(metric, columnMeans(ref, dim, m, a), columnMeans(ref, dim, m, b));
  }
  const cutoff = numpyPercentile(scores, quantile);
  return { method: 'distance', statistic: score, threshold: cutoff, drifted: score > cutoff, bootstrapQuantile: quantile };
}
