import { InputError } from '@driftwatch/core';
import { histogramCountsInto } from '@driftwatch/drift';

/** One side (reference or current) of a {@link NumericHistogram}. */
export interface HistogramSide {
  /** Rows in the sample, counted or not. */
  readonly rows: number;
  /** Rows per bin (length `edges.length - 1`); together they hold every finite value. */
  readonly counts: readonly number[];
  /** `NaN` values (missing or unreadable), not in any bin. */
  readonly missing: number;
  /** `-Infinity` values, not in any bin. */
  readonly negInfinite: number;
  /** `+Infinity` values, not in any bin. */
  readonly posInfinite: number;
}

/**
 * Reference and current counts of one numeric column on shared bin edges: the binned summary a
 * report embeds instead of raw rows. Bins are half-open `[e_i, e_{i+1})` except the last, which is
 * closed, as in `numpy.histogram`.
 */
export interface NumericHistogram {
  readonly kind: 'numeric';
  /** Strictly increasing, finite; `bins + 1` values (fewer only when the range is too narrow to split). */
  readonly edges: readonly number[];
  readonly reference: HistogramSide;
  readonly current: HistogramSide;
  /** `datetime`: edges are epoch milliseconds, labelled as UTC dates. Default `number`. */
  readonly axis?: 'number' | 'datetime';
}

/** The most bins {@link numericHistogram} accepts; a report chart cannot show more. */
export const maxHistogramBins = 1000;

/**
 * Counts both samples on `bins` equal-width bins spanning the finite values of both, so the two
 * sides share edges and can be compared bin by bin. Matches
 * `np.histogram(side[np.isfinite(side)], bins=np.histogram_bin_edges(both[np.isfinite(both)], bins))`:
 * edges from numpy's `linspace`, a constant column widened to `[v - 0.5, v + 0.5]`, no finite value
 * at all giving `[0, 1]`. `NaN` counts as missing and `±Infinity` is counted apart, never binned.
 *
 * Where numpy would refuse (a range a few ulps wide that cannot hold `bins` distinct edges), the
 * repeated edges are dropped instead, giving fewer bins. Two passes over each array, no allocation
 * per row.
 *
 * @param bins - number of bins, an integer in [1, {@link maxHistogramBins}]; default 30.
 * @throws InputError (`INPUT_INVALID_VALUE`) naming `bins` when it is out of range.
 */
export function numericHistogram(reference: Float64Array, current: Float64Array, bins = 30): NumericHistogram {
  if (!Number.isInteger(bins) || bins < 1 || bins > maxHistogramBins) {
    throw new InputError('INPUT_INVALID_VALUE', `numericHistogram: bins must be an integer in [1, ${maxHistogramBins}], got ${bins}`);
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const values of [reference, current]) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // Comparisons with NaN are false, and ±Infinity are excluded by the finite bounds test.
      if (v < lo && v > Number.NEGATIVE_INFINITY) lo = v;
      if (v > hi && v < Number.POSITIVE_INFINITY) hi = v;
    }
  }
  if (lo > hi) {
    lo = 0;
    hi = 1;
  } else if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = binEdges(lo, hi, bins);
  return { kind: 'numeric', edges: Array.from(edges), reference: countSide(reference, edges), current: countSide(current, edges) };
}

/** numpy's `linspace(lo, hi, bins + 1)`, with repeated edges dropped. */
function binEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  let step = (hi - lo) / bins;
  // hi - lo overflows for ranges wider than Number.MAX_VALUE; the scaled difference does not.
  if (!Number.isFinite(step)) step = hi / bins - lo / bins;
  for (let i = 0; i < bins; i++) edges[i] = i * step + lo;
  edges[bins] = hi;
  // Interior edges that repeat, or that rounding put at or past hi (subnormal ranges), are dropped;
  // hi closes the last bin, so the edges stay strictly increasing.
  let kept = 1;
  for (let i = 1; i < bins; i++) if (edges[i] > edges[kept - 1] && edges[i] < hi) edges[kept++] = edges[i];
  edges[kept++] = hi;
  return kept === bins + 1 ? edges : edges.slice(0, kept);
}

function countSide(values: Float64Array, edges: Float64Array): HistogramSide {
  // Every finite value lies within the edges (they span both sides' finite range): numpy's binning
  // as the drift methods do it, and the rest counted here.
  const counts = new Float64Array(edges.length - 1);
  histogramCountsInto(values, edges, counts);
  let missing = 0;
  let negInfinite = 0;
  let posInfinite = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (x !== x) missing++;
    else if (x === Number.POSITIVE_INFINITY) posInfinite++;
    else if (x === Number.NEGATIVE_INFINITY) negInfinite++;
  }
  return { rows: values.length, counts: Array.from(counts), missing, negInfinite, posInfinite };
}
