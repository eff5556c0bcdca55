import type { ChunkSpec, Frame, MultivariateDrift, MultivariateMethod } from '@driftwatch/core';
import { classifierDrift } from './classifierDrift.js';
import { reconstructionDrift } from './reconstructionDrift.js';

/**
 * Multivariate drift of `columns` by `method` over the chunks of `current`
 * ({@link reconstructionDrift} or {@link classifierDrift}). Both frames must be
 * in row order (not sorted by a drift engine).
 */
export function multivariateDrift(
  method: MultivariateMethod,
  reference: Frame,
  current: Frame,
  columns: readonly string[],
  spec: ChunkSpec,
): MultivariateDrift {
  return method === 'classifier'
    ? classifierDrift(reference, current, columns, spec)
    : reconstructionDrift(reference, current, columns, spec);
}
