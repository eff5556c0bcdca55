import { DISCRETE_VALUES_LIMIT } from '../binned/binnedShares.js';
import { sturgesEdgesOfRange } from '../binned/histogramBinEdges.js';
import type { NumericProfile } from './NumericProfile.js';

/** Most edges of the CDF histogram: the KS bound is about the largest cell's share, ~1/4096 of either side. */
export const maxCdfEdges = 4096;

/**
 * After the first pass over both sides, the bins of the second, the same for
 * both: the binned methods' sturges edges (`np.histogram_bin_edges(concat(reference,
 * current), 'sturges')`, from the counts, min and max; only when the reference
 * has more than 20 distinct values, as `binnedShares` decides) and the CDF
 * edges — up to {@link maxCdfEdges} order statistics of the two sides' samples
 * pooled, always with the overall min and max, so no value lies outside them.
 */
export function planProfileBins(reference: NumericProfile, current: NumericProfile): void {
  const lo = Math.min(reference.min, current.min);
  const hi = Math.max(reference.max, current.max);
  let sturges: Float64Array | null = null;
  if (reference.distinct === null || reference.distinct.size > DISCRETE_VALUES_LIMIT) {
    try {
      sturges = sturgesEdgesOfRange(reference.n + current.n, lo, hi);
    } catch {
      // numpy raises here (too many bins for the range); the binned methods report NaN, as in memory.
      sturges = null;
    }
  }
  const a = reference.sampled();
  const b = current.sampled();
  const pooled = new Float64Array(a.length + b.length + 2);
  pooled.set(a);
  pooled.set(b, a.length);
  pooled[a.length + b.length] = lo;
  pooled[a.length + b.length + 1] = hi;
  const sorted = pooled.filter((x) => x - x === 0).sort();
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[d++] = sorted[i];
  const distinct = sorted.subarray(0, d);
  let edges: Float64Array;
  if (distinct.length <= maxCdfEdges) edges = distinct.slice();
  else {
    edges = new Float64Array(maxCdfEdges);
    for (let i = 0; i < maxCdfEdges; i++) edges[i] = distinct[Math.round((i * (distinct.length - 1)) / (maxCdfEdges - 1))];
  }
  reference.setBins(sturges, edges);
  current.setBins(sturges, edges);
}
