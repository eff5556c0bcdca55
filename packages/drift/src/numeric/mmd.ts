import { createRng, sampleIndices, shuffle } from '../special/rng.js';

export interface MmdOptions {
  /** Number of label permutations for the p-value (default 100, as Evidently). */
  permutations?: number;
  /** PRNG seed for the subsample and the permutations (default 0). */
  seed?: number;
  /**
   * At most this many values per side enter the kernel matrix (default 1000). Memory is about
   * 8·(m + n)² bytes (packed kernel plus one scratch copy for the median), 32 MB at the default.
   */
  maxPerSide?: number;
}

export interface MmdResult {
  /** Unbiased MMD² estimate with the RBF kernel. */
  statistic: number;
  pValue: number;
  /** Kernel parameter in exp(-gamma·(x - y)²): 1 / median squared pairwise distance of the pooled sample. */
  gamma: number;
  /** Values of each side that entered the kernel matrix (after subsampling). */
  referenceSize: number;
  currentSize: number;
}

/**
 * Empirical maximum mean discrepancy test (Evidently's `emperical_mmd` stattest, with the bandwidth taken on
 * the pooled sample instead of the reference alone).
 *
 * - Each side is sorted (so row order cannot matter) and, when longer than `maxPerSide`, replaced by a
 *   seeded uniform subsample without replacement of `maxPerSide` values (Floyd's algorithm on the sorted
 *   ranks, xoshiro128** seeded with `seed`; reference first, then current). Bounding the pooled size keeps the
 *   kernel matrix at most 2000×2000 (16 MB packed) however long the column.
 * - Kernel k(x, y) = exp(-gamma·(x - y)²) with gamma = 1 / median((z_i - z_j)², i < j) over the pooled
 *   sample (`np.median`, mean of the two middle values for an even count). Evidently's parametrisation
 *   (sigma = sqrt(median / 2), gamma = 1 / (2 sigma²)), but Evidently takes the 'nearest' 50th percentile over
 *   the full reference×reference matrix, zero diagonal included; like Evidently, a zero median gives gamma = 1.
 * - statistic = Σ_{i≠j} k(x_i, x_j) / (m(m-1)) + Σ_{i≠j} k(y_i, y_j) / (n(n-1)) - 2 Σ k(x_i, y_j) / (mn).
 * - p = (1 + #{permutations with MMD² >= observed - tol}) / (1 + permutations); each permutation
 *   Fisher–Yates-shuffles the pooled labels (same PRNG stream, continuing after the subsample) and reuses the
 *   kernel matrix computed once. tol = 1e3·eps·(|within-reference| + |within-current| + |cross| terms)
 *   absorbs rounding so that permutations tying the observed split count, as in `scipy.stats.permutation_test`.
 *
 * Fewer than two values on a side gives NaN fields.
 */
export function mmd(reference: Float64Array, current: Float64Array, options: MmdOptions = {}): MmdResult {
  const permutations = options.permutations ?? 100;
  const cap = options.maxPerSide ?? 1000;
  const rng = createRng(options.seed ?? 0);
  if (reference.length < 2 || current.length < 2) {
    return { statistic: Number.NaN, pValue: Number.NaN, gamma: Number.NaN, referenceSize: 0, currentSize: 0 };
  }
  const x = sortedSubsample(reference, cap, rng);
  const y = sortedSubsample(current, cap, rng);
  const m = x.length;
  const n = y.length;
  const size = m + n;
  const z = new Float64Array(size);
  z.set(x, 0);
  z.set(y, m);

  // Packed upper triangle, row i holding j = i+1 .. size-1.
  const pairs = (size * (size - 1)) / 2;
  const kernel = new Float64Array(pairs);
  const rowBase = new Int32Array(size);
  for (let i = 0, p = 0; i < size; i++) {
    rowBase[i] = p - i - 1;
    const zi = z[i];
    for (let j = i + 1; j < size; j++, p++) {
      const d = zi - z[j];
      kernel[p] = d * d;
    }
  }
  const median = medianOf(kernel.slice());
  const gamma = median === 0 ? 1 : 1 / median;
  const rowSum = new Float64Array(size);
  let total = 0;
  for (let i = 0, p = 0; i < size; i++) {
    let s = 0;
    for (let j = i + 1; j < size; j++, p++) {
      const k = Math.exp(-gamma * kernel[p]);
      kernel[p] = k;
      s += k;
      rowSum[j] += k;
    }
    rowSum[i] += s;
    total += s;
  }

  // label 1 marks the current sample; the quadratic sum runs over the smaller group.
  const labels = new Int32Array(size);
  labels.fill(1, m);
  const small = m <= n ? 0 : 1;
  const members = new Int32Array(Math.min(m, n));
  const a = 2 / (m * (m - 1));
  const b = 2 / (n * (n - 1));
  const c = 2 / (m * n);
  let tol = 0;
  const statistic = (): number => {
    let g = 0;
    let rowTotal = 0;
    for (let i = 0; i < size; i++) {
      if (labels[i] === small) {
        members[g++] = i;
        rowTotal += rowSum[i];
      }
    }
    // Within-group sum of the smaller group, pairs i < j.
    let within = 0;
    for (let u = 0; u < g; u++) {
      const base = rowBase[members[u]];
      for (let v = u + 1; v < g; v++) within += kernel[base + members[v]];
    }
    const cross = rowTotal - 2 * within;
    const other = total - within - cross;
    const sxx = small === 0 ? within : other;
    const syy = small === 0 ? other : within;
    const t1 = a * sxx;
    const t2 = b * syy;
    const t3 = c * cross;
    tol = 1e3 * Number.EPSILON * (Math.abs(t1) + Math.abs(t2) + Math.abs(t3));
    return t1 + t2 - t3;
  };
  const observed = statistic();
  const observedTol = tol;
  let atLeast = 0;
  for (let r = 0; r < permutations; r++) {
    shuffle(labels, rng);
    if (statistic() >= observed - observedTol) atLeast++;
  }
  return { statistic: observed, pValue: (1 + atLeast) / (1 + permutations), gamma, referenceSize: m, currentSize: n };
}

function sortedSubsample(values: Float64Array, cap: number, rng: ReturnType<typeof createRng>): Float64Array {
  if (values.length <= cap) return Float64Array.from(values).sort();
  return orderStatistics(values, sampleIndices(values.length, cap, rng));
}

/**
 * Order statistics of `values` at the ascending 0-based `ranks`, i.e. sorted(values)[ranks], without sorting the
 * column: values go to 65536 equal-width buckets (a monotone map, so bucket order is value order), and only the
 * buckets holding a requested rank are gathered and sorted. Three linear passes plus small sorts; a column
 * piled into few buckets degrades to sorting those buckets.
 */
function orderStatistics(values: Float64Array, ranks: Int32Array): Float64Array {
  const n = values.length;
  const out = new Float64Array(ranks.length);
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const nb = 65536;
  const scale = nb / (max - min);
  if (!(scale > 0 && Number.isFinite(scale))) {
    const sorted = Float64Array.from(values).sort();
    for (let r = 0; r < ranks.length; r++) out[r] = sorted[ranks[r]];
    return out;
  }
  const bucketOf = (v: number): number => Math.min(nb - 1, Math.floor((v - min) * scale));
  const start = new Int32Array(nb + 1);
  for (let i = 0; i < n; i++) start[bucketOf(values[i]) + 1]++;
  for (let b = 0; b < nb; b++) start[b + 1] += start[b];
  // Buckets holding a requested rank, and where each lands in the gathered buffer.
  const offset = new Int32Array(nb).fill(-1);
  let gathered = 0;
  for (let r = 0, b = 0; r < ranks.length; r++) {
    while (start[b + 1] <= ranks[r]) b++;
    if (offset[b] < 0) {
      offset[b] = gathered;
      gathered += start[b + 1] - start[b];
    }
  }
  const buf = new Float64Array(gathered);
  const fill = new Int32Array(nb);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const b = bucketOf(v);
    if (offset[b] >= 0) buf[offset[b] + fill[b]++] = v;
  }
  for (let r = 0, b = 0; r < ranks.length; r++) {
    while (start[b + 1] <= ranks[r]) b++;
    if (fill[b] >= 0) {
      buf.subarray(offset[b], offset[b] + start[b + 1] - start[b]).sort();
      fill[b] = -1;
    }
    out[r] = buf[offset[b] + ranks[r] - start[b]];
  }
  return out;
}

function median3(x: number, y: number, w: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), w));
}

/** Median of three, or Tukey's ninther on long ranges. */
function pivotOf(a: Float64Array, lo: number, hi: number): number {
  const mid = (lo + hi) >>> 1;
  if (hi - lo < 1024) return median3(a[lo], a[mid], a[hi]);
  const e = Math.floor((hi - lo) / 8);
  return median3(
    median3(a[lo], a[lo + e], a[lo + 2 * e]),
    median3(a[mid - e], a[mid], a[mid + e]),
    median3(a[hi - 2 * e], a[hi - e], a[hi]),
  );
}

/** `np.median` of `a` (reorders `a`): middle value, or the mean of the two middle values for an even length. */
function medianOf(a: Float64Array): number {
  const n = a.length;
  const k = n >> 1;
  const upper = select(a, k);
  if (n % 2 === 1) return upper;
  let lower = a[0];
  for (let i = 1; i < k; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}

/**
 * k-th smallest (0-based) by quickselect with three-way partitioning (tie-heavy distance arrays stay linear);
 * afterwards every element before position k is <= the result.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = pivotOf(a, lo, hi);
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}
