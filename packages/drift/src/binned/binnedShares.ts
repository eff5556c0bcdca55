import { sturgesBinEdges } from './histogramBinEdges.js';
import { histogramCountsInto } from './histogramCounts.js';

/**
 * Evidently's switch in `get_binned_data`: a numerical column whose reference holds more than this many
 * distinct values is binned by a sturges histogram, otherwise every distinct value is its own bin.
 */
export const DISCRETE_VALUES_LIMIT = 20;

export interface NumericalBinningOptions {
  /** Replace zero shares as Evidently's `feel_zeroes=True` does (PSI, KL). Default false. */
  fill?: boolean;
}

export interface CategoricalBinningOptions {
  /** Size of the code dictionary; codes must lie in [0, nCategories). */
  nCategories: number;
  /** Replace zero shares as Evidently's `feel_zeroes=True` does (PSI, KL). Default false. */
  fill?: boolean;
}

export interface BinnedShares {
  /** 'histogram': sturges bins; 'values': one bin per distinct value; 'categories': one bin per code present. */
  mode: 'histogram' | 'values' | 'categories';
  /** Reference share per bin (count / reference size; NaN when the reference is empty). */
  reference: Float64Array;
  /** Current share per bin (count / current size; NaN when the current sample is empty). */
  current: Float64Array;
  referenceCounts: Int32Array;
  currentCounts: Int32Array;
  /** Bin edges (length bins + 1) in 'histogram' mode, else null. */
  edges: Float64Array | null;
  /** The value of each bin, ascending, in 'values' mode, else null. */
  values: Float64Array | null;
  /** The category code of each bin, ascending, in 'categories' mode, else null. */
  categories: Int32Array | null;
}

/**
 * Binned shares of a reference and a current sample, reproducing Evidently's
 * `evidently.calculations.stattests.utils.get_binned_data(reference, current, feature_type, n, feel_zeroes)`:
 *
 * - numerical, more than 20 distinct reference values: edges =
 *   `np.histogram_bin_edges(concat(reference, current), bins='sturges')`, shares =
 *   `np.histogram(sample, edges)[0] / len(sample)`;
 * - numerical with at most 20 distinct reference values: one bin per distinct value of either sample
 *   (value_counts / len); Evidently keys these by a Python set, here they are ordered by value, which
 *   changes no bin-wise sum beyond rounding;
 * - categorical (Int32Array dictionary codes, no missing): one bin per code present in either sample,
 *   ordered by code.
 *
 * With `fill`, zero shares are replaced per side as Evidently's `np.place` does: by min_nonzero / 1e6 when
 * min_nonzero <= 1e-4, else by 1e-4.
 *
 * Numerical distinct counting stops at the 21st value, so continuous columns cost one pass plus the
 * histogram; a low-cardinality reference costs O(n log 20) plus a sort of the current values missing from it.
 */
export function binnedShares(
  reference: Float64Array,
  current: Float64Array,
  kind: 'numerical',
  options?: NumericalBinningOptions,
): BinnedShares;
export function binnedShares(
  reference: Int32Array,
  current: Int32Array,
  kind: 'categorical',
  options: CategoricalBinningOptions,
): BinnedShares;
export function binnedShares(
  reference: Float64Array | Int32Array,
  current: Float64Array | Int32Array,
  kind: 'numerical' | 'categorical',
  options?: NumericalBinningOptions | CategoricalBinningOptions,
): BinnedShares {
  let out: BinnedShares;
  if (kind === 'categorical') {
    const o = options as CategoricalBinningOptions | undefined;
    if (o === undefined || !(o.nCategories >= 0)) throw new RangeError('categorical binning needs options.nCategories');
    out = categoricalBins(reference as Int32Array, current as Int32Array, o.nCategories);
  } else {
    const ref = reference as Float64Array;
    const cur = current as Float64Array;
    const refDistinct = distinctUpTo(ref, DISCRETE_VALUES_LIMIT);
    out = refDistinct === null ? histogramBins(ref, cur) : valueBins(ref, cur, refDistinct);
  }
  if (options?.fill) {
    fillZeroShares(out.reference);
    fillZeroShares(out.current);
  }
  return out;
}

/**
 * Evidently's zero replacement (`np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)` with m the
 * smallest non-zero share), in place. A side without non-zero shares is left alone.
 */
export function fillZeroShares(shares: Float64Array): void {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < shares.length; i++) {
    const v = shares[i];
    if (v !== 0 && v < min) min = v;
  }
  if (min === Number.POSITIVE_INFINITY) return;
  const fill = min <= 0.0001 ? min / 1e6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
}

/**
 * Occurrences of each code in [0, nCategories).
 * @throws RangeError on a code outside that range (a missing-value code must be removed first).
 */
export function categoryCounts(codes: Int32Array, nCategories: number): Int32Array {
  const counts = new Int32Array(nCategories);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >>> 0 >= nCategories) throw new RangeError(`category code ${c} outside [0, ${nCategories})`);
    counts[c]++;
  }
  return counts;
}

function categoricalBins(ref: Int32Array, cur: Int32Array, nCategories: number): BinnedShares {
  const rc = categoryCounts(ref, nCategories);
  const cc = categoryCounts(cur, nCategories);
  let k = 0;
  for (let c = 0; c < nCategories; c++) if (rc[c] + cc[c] > 0) k++;
  const categories = new Int32Array(k);
  const referenceCounts = new Int32Array(k);
  const currentCounts = new Int32Array(k);
  for (let c = 0, j = 0; c < nCategories; c++) {
    if (rc[c] + cc[c] > 0) {
      categories[j] = c;
      referenceCounts[j] = rc[c];
      currentCounts[j] = cc[c];
      j++;
    }
  }
  return {
    mode: 'categories',
    reference: shares(referenceCounts, ref.length),
    current: shares(currentCounts, cur.length),
    referenceCounts,
    currentCounts,
    edges: null,
    values: null,
    categories,
  };
}

function histogramBins(ref: Float64Array, cur: Float64Array): BinnedShares {
  let edges: Float64Array;
  try {
    edges = sturgesBinEdges([ref, cur]);
  } catch {
    // numpy raises (non-finite data, too many bins for the range); report NaN shares instead.
    const nan = new Float64Array([Number.NaN]);
    return {
      mode: 'histogram',
      reference: nan,
      current: nan.slice(),
      referenceCounts: new Int32Array(1),
      currentCounts: new Int32Array(1),
      edges: new Float64Array(0),
      values: null,
      categories: null,
    };
  }
  const referenceCounts = new Int32Array(edges.length - 1);
  const currentCounts = new Int32Array(edges.length - 1);
  histogramCountsInto(ref, edges, referenceCounts);
  histogramCountsInto(cur, edges, currentCounts);
  return {
    mode: 'histogram',
    reference: shares(referenceCounts, ref.length),
    current: shares(currentCounts, cur.length),
    referenceCounts,
    currentCounts,
    edges,
    values: null,
    categories: null,
  };
}

function valueBins(ref: Float64Array, cur: Float64Array, refValues: Float64Array): BinnedShares {
  const d = refValues.length;
  const refCountsByValue = new Int32Array(d);
  const curCountsByValue = new Int32Array(d);
  for (let i = 0; i < ref.length; i++) refCountsByValue[findValue(refValues, ref[i])]++;
  let extra: Float64Array | null = null;
  let nExtra = 0;
  for (let i = 0; i < cur.length; i++) {
    const v = cur[i];
    const j = findValue(refValues, v);
    if (j >= 0) curCountsByValue[j]++;
    else {
      if (extra === null) extra = new Float64Array(cur.length - i);
      extra[nExtra++] = v;
    }
  }
  // Values seen only in the current sample: sort, then run-length count.
  let extraValues = new Float64Array(0);
  let extraCounts = new Int32Array(0);
  if (extra !== null && nExtra > 0) {
    const sorted = extra.subarray(0, nExtra).sort();
    let u = 0;
    for (let i = 0; i < nExtra; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) u++;
    extraValues = new Float64Array(u);
    extraCounts = new Int32Array(u);
    for (let i = 0, j = -1; i < nExtra; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) extraValues[++j] = sorted[i];
      extraCounts[j]++;
    }
  }
  const k = d + extraValues.length;
  const values = new Float64Array(k);
  const referenceCounts = new Int32Array(k);
  const currentCounts = new Int32Array(k);
  for (let a = 0, b = 0, j = 0; j < k; j++) {
    if (b >= extraValues.length || (a < d && refValues[a] < extraValues[b])) {
      values[j] = refValues[a];
      referenceCounts[j] = refCountsByValue[a];
      currentCounts[j] = curCountsByValue[a];
      a++;
    } else {
      values[j] = extraValues[b];
      currentCounts[j] = extraCounts[b];
      b++;
    }
  }
  return {
    mode: 'values',
    reference: shares(referenceCounts, ref.length),
    current: shares(currentCounts, cur.length),
    referenceCounts,
    currentCounts,
    edges: null,
    values,
    categories: null,
  };
}

/**
 * Sorted distinct values of `a` if there are at most `limit` of them, else null (stops at limit + 1).
 * Equality is `===`, so 0 and -0 are one value, as in pandas' `nunique`.
 */
function distinctUpTo(a: Float64Array, limit: number): Float64Array | null {
  const buf = new Float64Array(limit);
  let d = 0;
  let last = Number.NaN;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === last) continue;
    let found = false;
    for (let j = 0; j < d; j++) {
      if (buf[j] === v) {
        found = true;
        break;
      }
    }
    if (!found) {
      if (d === limit) return null;
      buf[d++] = v;
    }
    last = v;
  }
  return buf.slice(0, d).sort();
}

/** Index of v in the ascending `values`, or -1. */
function findValue(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = values[mid];
    if (m < v) lo = mid + 1;
    else if (m > v) hi = mid - 1;
    else return mid;
  }
  return -1;
}

function shares(counts: Int32Array, n: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / n;
  return out;
}
