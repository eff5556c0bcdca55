import { distanceDrift } from './distanceDrift.js';
import type { EmbeddingDriftResult } from './EmbeddingDriftResult.js';
import type { EmbeddingMatrix } from './EmbeddingMatrix.js';
import type { EmbeddingMethodSpec } from './EmbeddingMethodSpec.js';
import { mmdDrift } from './mmdDrift.js';
import { modelDrift } from './modelDrift.js';
import { pcaProject } from './pcaProject.js';
import { ratioDrift } from './ratioDrift.js';

/** Evidently's default for an embedding without a named method: `model`, with bootstrap below 1000 reference rows. */
export function defaultEmbeddingMethod(referenceRows: number): EmbeddingMethodSpec {
  return { method: 'model', bootstrap: referenceRows < 1000 };
}

/**
 * Runs one embedding drift method (Evidently 0.7's `distance`, `ratio`, `mmd` or `model`) on two sides of one
 * width, after an optional PCA to `pcaComponents`.
 *
 * @throws RangeError for input the method is undefined on (different widths, width 0, too few rows, PCA to
 * more components than the data has); callers report it as a skipped result with the message as reason.
 */
export function embeddingDrift(reference: EmbeddingMatrix, current: EmbeddingMatrix, spec: EmbeddingMethodSpec): EmbeddingDriftResult {
  if (reference.dim !== current.dim) {
    throw new RangeError(`the reference vectors have ${reference.dim} dimensions but the current ones ${current.dim}`);
  }
  if (reference.dim === 0) throw new RangeError('the vectors have no dimensions (width 0)');
  if (reference.rows < 2 || current.rows < 2) {
    throw new RangeError(`${spec.method} needs at least 2 vectors on each side (reference ${reference.rows}, current ${current.rows})`);
  }
  let ref = reference;
  let cur = current;
  if (spec.pcaComponents !== undefined) {
    const most = Math.min(reference.rows, reference.dim);
    if (spec.pcaComponents > most) {
      throw new RangeError(`pcaComponents ${spec.pcaComponents} is more than min(reference rows, width) = ${most}`);
    }
    ({ reference: ref, current: cur } = pcaProject(reference, current, spec.pcaComponents));
  }
  const common = { threshold: spec.threshold, bootstrap: spec.bootstrap, quantile: spec.quantile };
  switch (spec.method) {
    case 'distance':
      return distanceDrift(ref, cur, { ...common, metric: spec.metric });
    case 'ratio':
      return ratioDrift(ref, cur, { threshold: spec.threshold, component: spec.component, componentThreshold: spec.componentThreshold });
    case 'mmd':
      return mmdDrift(ref, cur, common);
    case 'model':
      return modelDrift(ref, cur, common);
  }
}
