import type { EmbeddingMetric } from './vectorDistance.js';

/** The four embedding drift methods (Evidently's). */
export const embeddingMethodNames = ['distance', 'ratio', 'mmd', 'model'] as const;

/** One of {@link embeddingMethodNames}. */
export type EmbeddingMethodName = (typeof embeddingMethodNames)[number];

/**
 * An embedding column's method and parameters; absent fields take Evidently 0.7's defaults
 * (distance: euclidean, threshold 0.2, quantile 0.95; ratio: wasserstein at 0.1, threshold 0.2;
 * mmd: threshold 0.015, quantile 0.05; model: threshold 0.55, quantile 0.95; bootstrap off, no PCA).
 */
export interface EmbeddingMethodSpec {
  readonly method: EmbeddingMethodName;
  /** `distance`: the distance between mean vectors. */
  readonly metric?: EmbeddingMetric;
  /** Drift when the score is above it (without bootstrap). */
  readonly threshold?: number;
  /** `distance`, `mmd`, `model`: compare with a bootstrap quantile instead of `threshold`. */
  readonly bootstrap?: boolean;
  /** The bootstrap quantile, in (0, 1). */
  readonly quantile?: number;
  /** Reduce to this many principal components of the reference first (sklearn's PCA). */
  readonly pcaComponents?: number;
  /** `ratio`: the univariate method per component (a numeric drift method's name). */
  readonly component?: string;
  /** `ratio`: the component method's threshold. */
  readonly componentThreshold?: number;
}
