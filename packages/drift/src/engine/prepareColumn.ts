import { type CategoricalColumn, decodeScaled, type NumericColumn, radixSortFloat64, type SideCounts } from '@driftwatch/core';
import type { CategoricalSample, NumericSample } from '../methods/DriftMethod.js';
import { isAscending } from '../special/ascending.js';

/** One side of a numeric column, ready for testing. */
export interface PreparedNumeric {
  readonly sample: NumericSample;
  readonly counts: SideCounts;
}

/**
 * Keeps the finite values of a numeric column; missing and infinite values are
 * counted, not tested. With `sortScratch`, the values are sorted as by
 * {@link sortedSample}. A scaled column's sample keeps its integers (`scaled`) and decodes its values
 * into `decodeInto()` (as long as the column at least; else a new array) when they are first read.
 */
export function prepareNumeric(column: NumericColumn, sortScratch?: Float64Array, decodeInto?: () => Float64Array): PreparedNumeric {
  const scaled = column.scaled;
  if (scaled !== undefined) {
    // Every value finite. The doubles are decoded for this test alone, into `decodeInto()` when given,
    // and only if something reads them: a method that works on the integers never does.
    let decoded: Float64Array | undefined;
    const sample: NumericSample = Object.defineProperty(
      { kind: 'numeric' as const, sorted: column.sorted === true, finite: true, scaled },
      'values',
      {
        enumerable: true,
        get: (): Float64Array => {
          decoded ??= decodeScaled(scaled, decodeInto?.());
          return decoded;
        },
      },
    ) as NumericSample;
    return {
      sample: sortScratch ? sortedSample(sample, sortScratch) : sample,
      counts: { rows: scaled.ints.length, missing: 0, invalid: column.invalid, infinite: 0 },
    };
  }
  const v = column.values;
  if (column.finite === true || column.sorted === true) {
    // The reader saw every value finite as it stored them, or sorted them after seeing it (a check's `sortDriftColumns`).
    const sample: NumericSample = { kind: 'numeric', values: v, sorted: column.sorted === true, finite: true };
    return {
      sample: sortScratch ? sortedSample(sample, sortScratch) : sample,
      counts: { rows: v.length, missing: 0, invalid: column.invalid, infinite: 0 },
    };
  }
  let finite = 0;
  let missing = 0;
  let infinite = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) missing++;
    else if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) infinite++;
    else finite++;
  }
  let values: Float64Array;
  if (finite === v.length) values = v;
  else {
    values = new Float64Array(finite);
    let j = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x - x === 0) values[j++] = x; // false for NaN and ±Infinity
    }
  }
  const sample: NumericSample = { kind: 'numeric', values, sorted: false, finite: true };
  return {
    sample: sortScratch ? sortedSample(sample, sortScratch) : sample,
    counts: { rows: v.length, missing: missing + infinite, invalid: column.invalid, infinite },
  };
}

/**
 * A prepared sample sorted in place (the column's own array when it had no missing values; not again
 * when it is in order already), using `sortScratch` as working space (a function of the engine's that
 * makes it on first use: a sample that needs no sort never makes it).
 */
export function sortedSample(sample: NumericSample, sortScratch: Float64Array | (() => Float64Array)): NumericSample {
  if (sample.sorted === true) return sample;
  // A reader may have sorted the column already: one pass to see it.
  if (!isAscending(sample.values)) radixSortFloat64(sample.values, typeof sortScratch === 'function' ? sortScratch() : sortScratch);
  return { kind: 'numeric', values: sample.values, sorted: true, finite: true };
}

/** Both sides of a categorical column on one shared dictionary. */
export interface PreparedCategorical {
  readonly reference: CategoricalSample;
  readonly current: CategoricalSample;
  readonly labels: readonly string[];
  readonly referenceCounts: SideCounts;
  readonly currentCounts: SideCounts;
}

/**
 * Re-encodes two dictionary-encoded columns onto the union of their
 * dictionaries (reference categories first), dropping missing codes. Labels
 * absent from both samples' data are dropped, so `categories` counts only
 * categories that occur. A side that needs new codes gets them in `remapInto(side)` when given (working
 * space the caller reuses from column to column), else in a new array.
 */
export function prepareCategorical(
  reference: CategoricalColumn,
  current: CategoricalColumn,
  remapInto?: (side: 0 | 1) => Int32Array,
): PreparedCategorical {
  const seen = [countCodes(reference), countCodes(current)];
  const labels: string[] = [];
  const index = new Map<string, number>();
  const maps = [reference, current].map((col, side) => {
    const map = new Int32Array(col.dictionary.length).fill(-1);
    for (let c = 0; c < col.dictionary.length; c++) {
      if (seen[side].counts[c] === 0) continue;
      const label = col.dictionary[c];
      let u = index.get(label);
      if (u === undefined) {
        u = labels.length;
        labels.push(label);
        index.set(label, u);
      }
      map[c] = u;
    }
    return map;
  });
  const samples = [reference, current].map((col, side) => {
    const map = maps[side];
    // Already on the union dictionary with nothing missing (the usual reference side): no copy.
    if (seen[side].missing === 0 && map.every((u, c) => u === c)) return col.codes;
    const length = col.codes.length - seen[side].missing;
    const space = remapInto?.(side as 0 | 1);
    const codes = space && space.length >= length ? space.subarray(0, length) : new Int32Array(length);
    let j = 0;
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i];
      if (c >= 0) codes[j++] = map[c];
    }
    return codes;
  });
  const categories = labels.length;
  return {
    reference: { kind: 'categorical', codes: samples[0], categories },
    current: { kind: 'categorical', codes: samples[1], categories },
    labels,
    referenceCounts: { rows: reference.codes.length, missing: seen[0].missing, invalid: reference.invalid, infinite: 0 },
    currentCounts: { rows: current.codes.length, missing: seen[1].missing, invalid: current.invalid, infinite: 0 },
  };
}

function countCodes(column: CategoricalColumn): { counts: Int32Array; missing: number } {
  const counts = new Int32Array(column.dictionary.length);
  let missing = 0;
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0) missing++;
    else counts[c]++;
  }
  return { counts, missing };
}

/**
 * Turns numeric samples into categorical ones, each distinct value over both
 * samples a category in ascending order (how categorical methods read a
 * numeric column with few values).
 */
export function numericAsCategorical(
  reference: Float64Array,
  current: Float64Array,
  sorted = false,
): { reference: CategoricalSample; current: CategoricalSample; labels: number[] } {
  const ascending = sorted || (isAscending(reference) && isAscending(current));
  const distinct = distinctAscending(reference, current, ascending);
  const encode = (v: Float64Array): Int32Array => {
    const codes = new Int32Array(v.length);
    if (ascending) {
      // Each run of one value is among the distinct ones, in order: its code only ever grows, and
      // the run is filled with it at once.
      for (let i = 0, k = 0; i < v.length; ) {
        const x = v[i] as number;
        const end = runEnd(v, i);
        while ((distinct[k] as number) < x) k++;
        codes.fill(k, i, end);
        i = end;
      }
      return codes;
    }
    for (let i = 0; i < v.length; i++) {
      let lo = 0;
      let hi = distinct.length - 1;
      const x = v[i];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (distinct[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      codes[i] = lo;
    }
    return codes;
  };
  return {
    reference: { kind: 'categorical', codes: encode(reference), categories: distinct.length },
    current: { kind: 'categorical', codes: encode(current), categories: distinct.length },
    labels: distinct,
  };
}

/**
 * The distinct values of two samples, ascending. The engine's samples are sorted already: then one
 * merge pass (O(n), no allocation but the result) instead of sorting a concatenated copy.
 */
function distinctAscending(reference: Float64Array, current: Float64Array, ascending: boolean): number[] {
  const distinct: number[] = [];
  if (ascending) {
    // The merge of the two sides' runs: the smaller head (the reference's on a tie) is the next
    // distinct value, and both sides' runs of it are passed over.
    let i = 0;
    let j = 0;
    while (i < reference.length || j < current.length) {
      const x = j >= current.length || (i < reference.length && reference[i] <= current[j]) ? reference[i] : current[j];
      distinct.push(x as number);
      if (i < reference.length && reference[i] === x) i = runEnd(reference, i);
      if (j < current.length && current[j] === x) j = runEnd(current, j);
    }
    return distinct;
  }
  const all = new Float64Array(reference.length + current.length);
  all.set(reference);
  all.set(current, reference.length);
  all.sort();
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct.push(all[i]);
  return distinct;
}

/**
 * Where the run of `v[i]`'s value ends in ascending `v` (the first index past it; -0 and 0 are one
 * value): a galloping search, so a long run costs O(log length) and a run of one, two comparisons.
 */
function runEnd(v: Float64Array, i: number): number {
  const x = v[i] as number;
  const n = v.length;
  // v[lo] === x; v[hi] !== x or hi === n.
  let lo = i;
  let step = 1;
  while (lo + step < n && v[lo + step] === x) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, n);
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (v[mid] === x) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Distinct values over both samples, counting no further than `cap` (enough to pick a default method).
 * A value equal to the one before it is skipped without a lookup: on sorted samples only the changes are looked up.
 */
export function countDistinctUpTo(a: Float64Array, b: Float64Array, cap: number): number {
  const seen: number[] = [];
  for (const v of [a, b]) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if ((i > 0 && x === v[i - 1]) || seen.includes(x)) continue;
      seen.push(x);
      if (seen.length > cap) return seen.length;
    }
  }
  return seen.length;
}
