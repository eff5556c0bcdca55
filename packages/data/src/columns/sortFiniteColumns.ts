import { radixSortFloat64, radixSortInt32 } from '@driftwatch/core';
import type { ReadColumn } from '../ReadFrame.js';

/**
 * Sorts ascending, in place, each numeric column named in `names` whose values are all finite (core's
 * `radixSortFloat64`, the sort the drift engine uses, or `radixSortInt32` on a scaled column's
 * integers, which order as their values do; one working buffer for all). A column with a missing or
 * infinite value is left in file order: the engine sorts a copy of its finite values. A sorted
 * column is marked `sorted`, so the engine does not check its values again.
 */
export function sortFiniteColumns(columns: readonly ReadColumn[], names: readonly string[]): void {
  const wanted = new Set(names);
  let scratch: Float64Array | undefined;
  const scratchFor = (n: number) => {
    scratch ??= new Float64Array(n);
    return scratch.length >= n ? scratch : new Float64Array(n);
  };
  for (const column of columns) {
    if (column.kind !== 'numeric' || !wanted.has(column.name)) continue;
    if (column.scaled !== undefined) {
      const ints = column.scaled.ints;
      // Half of the float scratch holds the integers' working space.
      radixSortInt32(ints, new Int32Array(scratchFor((ints.length + 1) >>> 1).buffer, 0, ints.length));
    } else {
      const values = column.values;
      // The reader's mark, else a pass over the values.
      if (column.finite !== true && !allFinite(values)) continue;
      radixSortFloat64(values, scratchFor(values.length));
    }
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
