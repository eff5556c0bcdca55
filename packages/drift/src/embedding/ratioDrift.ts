import { driftMethods } from '../methods/driftMethods.js';
import { runDriftMethod } from '../methods/runDriftMethod.js';
import type { EmbeddingDriftResult } from './EmbeddingDriftResult.js';
import type { EmbeddingMatrix } from './EmbeddingMatrix.js';

/** Options of {@link ratioDrift}; defaults are Evidently 0.7's `ratio()`. */
export interface RatioDriftOptions {
  /** The univariate method run on each component (any numeric drift method's name). Default `wasserstein`. */
  readonly component?: string;
  /** Its threshold. Default 0.1. */
  readonly componentThreshold?: number;
  /** Drift when the share of drifted components is above it. Default 0.2. */
  readonly threshold?: number;
}

/**
 * Evidently's `RatioDriftMethod`: each component (dimension, or principal component after PCA) is tested
 * with the univariate `component` method at `componentThreshold` by that method's own rule (Wasserstein:
 * normed distance ≥ t; KS: p ≤ t; …); the score is the share that drift.
 */
export function ratioDrift(reference: EmbeddingMatrix, current: EmbeddingMatrix, options: RatioDriftOptions = {}): EmbeddingDriftResult {
  const name = options.component ?? 'wasserstein';
  const method = driftMethods.find((d) => d.name === name);
  if (method === undefined || (method.domain !== 'numeric' && method.domain !== 'both')) {
    const known = driftMethods.filter((d) => d.domain === 'numeric' || d.domain === 'both').map((d) => d.name);
    throw new RangeError(`ratio: unknown component method "${name}" (known: ${known.join(', ')})`);
  }
  const componentThreshold = options.componentThreshold ?? 0.1;
  const { dim } = reference;
  const column = (side: EmbeddingMatrix, j: number): Float64Array => {
    const out = new Float64Array(side.rows);
    for (let r = 0; r < side.rows; r++) out[r] = side.values[r * dim + j] as number;
    return out;
  };
  let drifted = 0;
  for (let j = 0; j < dim; j++) {
    const result = runDriftMethod(
      method,
      { kind: 'numeric', values: column(reference, j) },
      { kind: 'numeric', values: column(current, j) },
      { threshold: componentThreshold, constant: 'count' },
    );
    if (result.drifted) drifted++;
  }
  const share = drifted / dim;
  const threshold = options.threshold ?? 0.2;
  return { method: 'ratio', statistic: share, threshold, drifted: share > threshold };
}
