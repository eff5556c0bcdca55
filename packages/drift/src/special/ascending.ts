import { radixSortFloat64 } from '@driftwatch/core';

/** True when `values` is non-decreasing (−0 and +0 compare equal; NaN not expected). O(n), no allocation. */
export function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

/**
 * `values` in ascending order for read-only use: the array itself when it is
 * already sorted (the engine sorts each column once, with core's `radixSortFloat64`), else
 * a sorted copy. Callers must not write to the result.
 */
export function ascending(values: Float64Array): Float64Array {
  return isAscending(values) ? values : sortedCopy(values);
}

/** An ascending copy of `values`, in `Float64Array.prototype.sort()` order (core's `radixSortFloat64`). */
export function sortedCopy(values: Float64Array): Float64Array {
  const copy = values.slice();
  radixSortFloat64(copy);
  return copy;
}
