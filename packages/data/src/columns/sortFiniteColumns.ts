import { radixSortFloat64 } from '@driftwatch/core';
import type { ReadColumn } from '../ReadFrame.js';

/**
 * Sorts ascending, in place, each numeric column named in `names` whose values are all finite (core's
 * `radixSortFloat64`, the sort the drift engine uses; one working buffer for all). A column with a
 * missing or infinite value is left in file order: the engine sorts a copy of its finite values. A sorted
 * column is marked `sorted`, so the engine does not check its values again.
 */
export function sortFiniteColumns(columns: readonly ReadColumn[], names: readonly string[]): void {
  const wanted = new Set(names);
  let scratch: Float64Array | undefined;
  for (const column of columns) {
    if (column.kind !== 'numeric' || !wanted.has(column.name)) continue;
    const values = column.values;
    // The reader's mark, else a pass over the values.
    if (column.finite !== true && !allFinite(values)) continue;
    scratch ??= new Float64Array(values.length);
    radixSortFloat64(values, scratch.length >= values.length ? scratch : new Float64Array(values.length));
    (column as { sorted?: boolean; finite?: boolean }).sorted = true;
    (column as { sorted?: boolean; finite?: boolean }).finite = true;
  }
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x - x !== 0) return false; // NaN and ±Infinity
  }
  return true;
}
