import { NumpyRandomState } from '@driftwatch/core';
import { bootstrapRounds } from './distanceDrift.js';
import type { EmbeddingDriftResult } from './EmbeddingDriftResult.js';
import { type EmbeddingMatrix, toFloat64 } from './EmbeddingMatrix.js';
import { GramBlocks, gramBlockRows } from './GramBlocks.js';
import { mmdKernelSums } from './mmdKernelSums.js';
import { numpyPercentile } from './numpyPercentile.js';
import { rbfKernelTimes, rowSquaredNorms } from './rbfKernelSum.js';

/** Options of {@link mmdDrift}; defaults are Evidently 0.7's `mmd()`. */
export interface MmdDriftOptions {
  /** Drift when MMD² is above it (without bootstrap). Default 0.015. */
  readonly threshold?: number;
  /** Compare with the `quantile` of 100 bootstrap MMD² of reference resamples instead. Default false. */
  readonly bootstrap?: boolean;
  /** Default 0.05 (Evidently's default for `mmd`). */
  readonly quantile?: number;
}

/** Evidently's cap on the rows whose pairwise distances set the kernel width. */
const medianSampleCap = 1000;

/**
 * Evidently's `MMDDriftMethod`: the unbiased MMD² (Gretton et al.'s MMD²ᵤ) between the two sides under
 * an RBF kernel with γ = 1 / median², the median taken over the Euclidean distances between
 * `x.sample(min(m, 1000), random_state=0)` and `y.sample(min(n, 1000), random_state=0)` (pandas' sample:
 * numpy legacy `RandomState(0).permutation(m)[:k]`). Kernel sums are computed in blocks: no m × n
 * matrix is held. With `bootstrap`, γ comes from the reference sample against itself (diagonal zeros
 * included, as sklearn's `pairwise_distances` returns them), and the cut-off is the `quantile` of MMD²ᵤ
 * between two with-replacement resamples of the reference (sizes ⌊m²/(m+n)⌋ and ⌊m·n/(m+n)⌋, both at
 * least 1, `np.random.seed(i)` for i = 0…99). The score is max(MMD², 0); drift compares the raw value.
 *
 * @throws RangeError when a side has fewer than 2 rows (MMD²ᵤ divides by m(m − 1)), a bootstrap resample would,
 * or the kernel width is 0 (all sampled vectors identical): Evidently would return NaN.
 */
export function mmdDrift(reference: EmbeddingMatrix, current: EmbeddingMatrix, options: MmdDriftOptions = {}): EmbeddingDriftResult {
  const m = reference.rows;
  const n = current.rows;
  if (m < 2 || n < 2) throw new RangeError(`mmd needs at least 2 rows on each side (reference ${m}, current ${n})`);
  const { dim } = reference;
  const x = toFloat64(reference);
  const y = toFloat64(current);
  const xs = sampleRows(x, m, dim, Math.min(m, medianSampleCap));
  const ys = sampleRows(y, n, dim, Math.min(n, medianSampleCap));
  const sigma = medianDistance(xs, ys, dim, false);
  if (!(sigma > 0))
    throw new RangeError('mmd: the median distance between the sampled rows is 0 (identical vectors), so the kernel width is undefined');
  const gamma = 1 / (sigma * sigma);
  // Blocked sums; on large inputs Σ k(xᵢ, yⱼ) runs on a worker thread beside the two within-side sums.
  const { kxx, kyy, kxy } = mmdKernelSums(x, m, y, n, dim, gamma);
  const mmd2u = kxx / (m * (m - 1)) + kyy / (n * (n - 1)) - (2 / (m * n)) * kxy;
  if (!options.bootstrap) {
    const threshold = options.threshold ?? 0.015;
    return { method: 'mmd', statistic: Math.max(mmd2u, 0), threshold, drifted: mmd2u > threshold };
  }
  const quantile = options.quantile ?? 0.05;
  const sx = medianDistance(xs, xs, dim, true);
  if (!(sx > 0))
    throw new RangeError('mmd bootstrap: the median distance within the reference sample is 0, so the kernel width is undefined');
  const gammaX = 1 / (sx * sx);
  const xSize = Math.max(Math.floor((m * m) / (m + n)), 1);
  const ySize = Math.max(Math.floor((m * n) / (m + n)), 1);
  if (xSize < 2 || ySize < 2) {
    throw new RangeError(`mmd bootstrap needs resamples of at least 2 rows (sizes ${xSize} and ${ySize} from ${m} and ${n} rows)`);
  }
  // Count vectors of the resamples: column 2i counts the x indices of round i, column 2i + 1 the y indices.
  const width = 2 * bootstrapRounds;
  const counts = new Float64Array(m * width);
  for (let i = 0; i < bootstrapRounds; i++) {
    const rs = new NumpyRandomState(i);
    const a = rs.choice(m, xSize);
    const b = rs.choice(m, ySize);
    for (let t = 0; t < a.length; t++) counts[(a[t] as number) * width + 2 * i] += 1;
    for (let t = 0; t < b.length; t++) counts[(b[t] as number) * width + 2 * i + 1] += 1;
  }
  const kc = rbfKernelTimes(x, m, dim, gammaX, counts, width);
  const scores = new Float64Array(bootstrapRounds);
  for (let i = 0; i < bootstrapRounds; i++) {
    let cc = 0;
    let dd = 0;
    let cd = 0;
    for (let r = 0; r < m; r++) {
      const c = counts[r * width + 2 * i] as number;
      const d = counts[r * width + 2 * i + 1] as number;
      cc += c * (kc[r * width + 2 * i] as number);
      dd += d * (kc[r * width + 2 * i + 1] as number);
      cd += c * (kc[r * width + 2 * i + 1] as number);
    }
    // Kx.sum() − trace: the resampled diagonal is all ones (K_aa = 1), so the trace is the resample size.
    scores[i] = (cc - xSize) / (xSize * (xSize - 1)) + (dd - ySize) / (ySize * (ySize - 1)) - (2 / (xSize * ySize)) * cd;
  }
  const cutoff = numpyPercentile(scores, quantile);
  return { method: 'mmd', statistic: Math.max(mmd2u, 0), threshold: cutoff, drifted: mmd2u > cutoff, bootstrapQuantile: quantile };
}

/** The rows pandas' `DataFrame.sample(k, random_state=0)` picks, copied in its order. */
function sampleRows(values: Float64Array, rows: number, dim: number, k: number): Float64Array {
  const idx = new NumpyRandomState(0).sampleWithoutReplacement(rows, k);
  const out = new Float64Array(k * dim);
  for (let r = 0; r < k; r++) out.set(values.subarray((idx[r] as number) * dim, ((idx[r] as number) + 1) * dim), r * dim);
  return out;
}

/**
 * numpy's median of sklearn's `pairwise_distances(a, b)` (all pairs; with `same`, a against itself with
 * the zero diagonal). Distances use sklearn's expansion √max(‖a‖² − 2a·b + ‖b‖², 0).
 */
function medianDistance(a: Float64Array, b: Float64Array, dim: number, same: boolean): number {
  const ra = a.length / dim;
  const rb = b.length / dim;
  const na = rowSquaredNorms(a, ra, dim);
  const nb = same ? na : rowSquaredNorms(b, rb, dim);
  const d = new Float64Array(ra * rb);
  const gram = GramBlocks.create(a, ra, same ? a : b, rb, dim);
  const dotOf = (i: number, j: number): number => {
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += (a[i * dim + k] as number) * (b[j * dim + k] as number);
    return dot;
  };
  for (let ib = 0; ib < ra; ib += gramBlockRows) {
    const ni = Math.min(gramBlockRows, ra - ib);
    for (let jb = 0; jb < rb; jb += gramBlockRows) {
      const nj = Math.min(gramBlockRows, rb - jb);
      const block = gram?.dots(ib, ni, jb, nj);
      for (let x = 0; x < ni; x++) {
        const i = ib + x;
        for (let y = 0; y < nj; y++) {
          const j = jb + y;
          if (same && i === j) continue;
          const dot = block ? (block.values[x * block.stride + y] as number) : dotOf(i, j);
          d[i * rb + j] = Math.sqrt(Math.max(-2 * dot + (na[i] as number) + (nb[j] as number), 0));
        }
      }
    }
  }
  d.sort();
  const h = d.length >>> 1;
  return d.length % 2 === 1 ? (d[h] as number) : ((d[h - 1] as number) + (d[h] as number)) / 2;
}
