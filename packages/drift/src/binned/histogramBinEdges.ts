/**
 * numpy's `np.linspace(start, stop, num)` (endpoint=True, float64), with its exact arithmetic
 * (numpy/_core/function_base.py): step = (stop - start) / (num - 1), y[i] = i * step + start,
 * y[num - 1] = stop. When the step underflows to 0 (denormal range, gh-5437) numpy computes
 * (i / div) * delta instead; that branch is reproduced too.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const y = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  if (div > 0) {
    const step = delta / div;
    if (step === 0) {
      for (let i = 0; i < num; i++) y[i] = (i / div) * delta + start;
    } else {
      for (let i = 0; i < num; i++) y[i] = i * step + start;
    }
    y[div] = stop;
  } else if (num === 1) {
    y[0] = 0 * delta + start;
  }
  return y;
}

/**
 * Number of equal-width bins numpy's 'sturges' estimator produces for `n` values spanning `ptp`:
 * width = ptp / (log2(n) + 1), bins = ceil(ptp / width) (numpy/lib/_histograms_impl.py,
 * `_hist_bin_sturges` and `_get_bin_edges`). The round trip through the width is kept on purpose:
 * for n a power of two it can give log2(n) + 2 bins where the textbook formula gives log2(n) + 1.
 * A zero width (ptp = 0) gives one bin, as in numpy.
 */
export function sturgesBinCount(n: number, ptp: number): number {
  if (n === 0) return 1;
  const width = ptp / (Math.log2(n) + 1.0);
  if (!width) return 1;
  return Math.ceil(ptp / width);
}

/**
 * `numpy.histogram_bin_edges(np.concatenate(values), bins='sturges')` without building the
 * concatenation. Outer edges are the data min and max, widened to (min - 0.5, max + 0.5) when
 * they coincide; an empty input gives numpy's [0, 1].
 *
 * @throws RangeError where numpy raises ValueError: non-finite data ("autodetected range ... is
 * not finite") or edges that are not strictly increasing ("Too many bins for data range").
 */
export function sturgesBinEdges(values: Float64Array[]): Float64Array {
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sawNaN = false;
  for (const a of values) {
    n += a.length;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (v !== v) sawNaN = true;
    }
  }
  if (sawNaN) throw new RangeError(`autodetected range of [${lo}, ${hi}] is not finite`);
  return sturgesEdgesOfRange(n, lo, hi);
}

/**
 * The edges {@link sturgesBinEdges} returns for `n` values from `lo` to `hi`: what a profile
 * (count, min, max) needs to bin a column exactly as the in-memory path does.
 */
export function sturgesEdgesOfRange(n: number, lo: number, hi: number): Float64Array {
  if (n === 0) return linspace(0, 1, 2);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new RangeError(`autodetected range of [${lo}, ${hi}] is not finite`);
  }
  const nBins = sturgesBinCount(n, hi - lo);
  let first = lo;
  let last = hi;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = linspace(first, last, nBins + 1);
  for (let i = 0; i < nBins; i++) {
    if (!(edges[i] < edges[i + 1])) {
      throw new RangeError(`Too many bins for data range. Cannot create ${nBins} finite-sized bins.`);
    }
  }
  return edges;
}
