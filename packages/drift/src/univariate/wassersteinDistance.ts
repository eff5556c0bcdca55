import { cdfDistance } from './cdfDistance.js';

/**
 * First Wasserstein distance between two 1-D empirical distributions;
 * reproduces `scipy.stats.wasserstein_distance(a, b)` (unweighted, scipy
 * 1.17.1), i.e. `_cdf_distance(1, a, b)`.
 *
 * Symmetric in `a` and `b` and independent of row order (bit for bit).
 * Preconditions: no NaN; finite values. Either side empty returns NaN (scipy
 * raises). O((n1 + n2) log(n1 + n2)); inputs are not modified. `sorted`: both
 * are known to be ascending (see `cdfDistance`).
 */
export function wassersteinDistance(a: Float64Array, b: Float64Array, sorted = false): number {
  return cdfDistance(1, a, b, sorted);
}
