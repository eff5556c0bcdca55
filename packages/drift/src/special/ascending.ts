import { sortedCopy } from './sortedCopy.js';

/** True when `values` is non-decreasing (−0 and +0 compare equal; NaN not expected). O(n), no allocation. */
export function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

/**
 * `values` in ascending order for read-only use: the array itself when it is
 * already sorted (the engine sorts each column once, see `sortInPlace`), else
 * a sorted copy. Callers must not write to the result.
 */
export function ascending(values: Float64Array): Float64Array {
  return isAscending(values) ? values : sortedCopy(values);
}
