/**
 * Counts of `values` in the bins `edges` (length nBins + 1), bins half-open [e_i, e_{i+1}) except the
 * last, which is closed; values outside [e_0, e_last] (and NaN) are ignored. That is what
 * `np.histogram(values, bins=edges)` returns for any increasing `edges` (its searchsorted path, the one
 * Evidently's get_binned_data runs since it passes the edge array).
 *
 * The index is found the way numpy's equal-width fast path does it
 * (numpy/lib/_histograms_impl.py, `histogram`): i = trunc((x - e_0) / (e_last - e_0) * nBins), clamp
 * i = nBins to nBins - 1, then one decrement where x < e_i and one increment where x >= e_{i+1}
 * (not in the last bin). For edges from `np.linspace`, as `sturgesBinEdges` returns, the first guess is
 * within one bin, so this equals numpy's result on both paths, including values that sit on an edge.
 * A guess further off (non-uniform edges) is settled by binary search, keeping the searchsorted result.
 *
 * O(n), no allocation besides the result.
 */
export function histogramCounts(values: Float64Array, edges: Float64Array): Int32Array {
  const out = new Int32Array(Math.max(edges.length - 1, 0));
  histogramCountsInto(values, edges, out);
  return out;
}

/** As {@link histogramCounts}, adding into `out` (length edges.length - 1). */
export function histogramCountsInto(values: Float64Array, edges: Float64Array, out: Int32Array | Float64Array): void {
  const nBins = edges.length - 1;
  if (nBins < 1) return;
  const first = edges[0];
  const last = edges[nBins];
  const denom = last - first;
  const lastBin = nBins - 1;
  if (!(denom > 0)) {
    for (let k = 0; k < values.length; k++) {
      const x = values[k];
      if (x >= first && x <= last) out[searchBin(edges, x)]++;
    }
    return;
  }
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (!(x >= first && x <= last)) continue;
    let i = Math.trunc(((x - first) / denom) * nBins);
    // NaN when the span overflows to Infinity (edges beyond ±MAX_VALUE / 2): the search settles it.
    if (!(i >= 0)) i = 0;
    else if (i >= nBins) i = lastBin;
    if (x < edges[i]) i--;
    if (i !== lastBin && x >= edges[i + 1]) i++;
    if (i < 0 || i > lastBin || x < edges[i] || (i !== lastBin && x >= edges[i + 1])) i = searchBin(edges, x);
    out[i]++;
  }
}

/** Index of the bin holding x (first <= x <= last): the largest i < nBins with edges[i] <= x. */
function searchBin(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
