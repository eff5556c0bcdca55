/** The outcome of one embedding drift method (Evidently's `(drift_score, drift_detected, method_name)`). */
export interface EmbeddingDriftResult {
  /** `distance`, `ratio`, `mmd` or `model`. */
  readonly method: 'distance' | 'ratio' | 'mmd' | 'model';
  /** The drift score: the distance, the share of drifted components, MMD² (clipped at 0), or ROC AUC. */
  readonly statistic: number;
  /** What the score was compared with: the threshold, or with `bootstrap` the bootstrap quantile. */
  readonly threshold: number;
  /** `statistic > threshold` (for `mmd` the unclipped MMD², as Evidently compares it). */
  readonly drifted: boolean;
  /** The quantile of the bootstrap that set `threshold` (bootstrap variants only). */
  readonly bootstrapQuantile?: number;
}
