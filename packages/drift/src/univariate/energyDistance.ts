import { cdfDistance } from './cdfDistance.js';

/**
 * Energy distance between two 1-D empirical distributions; reproduces
 * `scipy.stats.energy_distance(a, b)` (unweighted, scipy 1.17.1), i.e.
 * `sqrt(2) * _cdf_distance(2, a, b)`.
 *
 * Symmetric in `a` and `b` and independent of row order (bit for bit).
 * Preconditions: no NaN; finite values. Either side empty returns NaN (scipy
 * raises). O((n1 + n2) log(n1 + n2)); inputs are not modified. `sorted`: both
 * are known to be ascending (see `cdfDistance`).
 */
export function energyDistance(a: Float64Array, b: Float64Array, sorted = false): number {
  return Math.SQRT2 * cdfDistance(2, a, b, sorted);
}
