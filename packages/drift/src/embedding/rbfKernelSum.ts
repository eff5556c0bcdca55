/** Squared Euclidean norm of each row of a row-major rows × dim matrix. */
export function rowSquaredNorms(x: Float64Array, rows: number, dim: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const off = r * dim;
    for (let k = 0; k < dim; k++) {
      const v = x[off + k] as number;
      s += v * v;
    }
    out[r] = s;
  }
  return out;
}

import { GramBlocks, gramBlockRows } from './GramBlocks.js';

/** Rows of `y` per block: a block of 384-wide float64 rows stays within L2 while every row of `x` passes over it. */
const blockRows = 64;

/**
 * Σ exp(−γ‖xᵢ − yⱼ‖²) over all pairs of rows of `x` and `y` (or, with `y` = `x` and `same`, over the
 * pairs i ≠ j), without forming the kernel matrix: rows of `y` are taken in cache-sized blocks and four
 * dot products share each pass over a row of `x`. Squared distances are expanded as ‖x‖² + ‖y‖² − 2x·y
 * and clipped at 0, as scikit-learn's `euclidean_distances` (and so `pairwise_kernels(metric="rbf")`)
 * computes them. Memory is O(rows), time O(rows_x · rows_y · dim). `onBlockRow` is called after each
 * row of blocks (progress, for a worker's watcher).
 *
 * Numerical contract: every dot product is summed in one fixed order (see GramBlocks), and block sums
 * are added in a fixed order, so the result depends only on the inputs, never on the thread or the
 * call that computes it. The expansion loses absolute accuracy ~ε·‖x‖² for near points (cancellation);
 * scikit-learn (and so Evidently) computes the same expansion, which is what keeps 1e-9 agreement.
 */
export function rbfKernelSum(
  x: Float64Array,
  xRows: number,
  y: Float64Array,
  yRows: number,
  dim: number,
  gamma: number,
  same: boolean,
  xNorms: Float64Array = rowSquaredNorms(x, xRows, dim),
  yNorms: Float64Array = same ? xNorms : rowSquaredNorms(y, yRows, dim),
  onBlockRow?: () => void,
): number {
  const gram = GramBlocks.create(x, xRows, same ? x : y, yRows, dim);
  if (gram === undefined) return rbfKernelSumJs(x, xRows, y, yRows, dim, gamma, same, xNorms, yNorms, onBlockRow);
  let total = 0;
  for (let ib = 0; ib < xRows; ib += gramBlockRows) {
    const ni = Math.min(gramBlockRows, xRows - ib);
    for (let jb = same ? ib : 0; jb < yRows; jb += gramBlockRows) {
      const nj = Math.min(gramBlockRows, yRows - jb);
      const { values, stride } = gram.dots(ib, ni, jb, nj);
      let s = 0;
      for (let a = 0; a < ni; a++) {
        const ni2 = xNorms[ib + a] as number;
        const off = a * stride;
        // With `same`, only pairs j > i (each counted twice below).
        const from = same && jb === ib ? a + 1 : 0;
        for (let b = from; b < nj; b++) {
          s += Math.exp(-gamma * Math.max(ni2 + (yNorms[jb + b] as number) - 2 * (values[off + b] as number), 0));
        }
      }
      total += s;
    }
    onBlockRow?.();
  }
  return same ? 2 * total : total;
}

/** {@link rbfKernelSum} in plain JS, for inputs over the WebAssembly kernel's memory. */
function rbfKernelSumJs(
  x: Float64Array,
  xRows: number,
  y: Float64Array,
  yRows: number,
  dim: number,
  gamma: number,
  same: boolean,
  xNorms: Float64Array = rowSquaredNorms(x, xRows, dim),
  yNorms: Float64Array = same ? xNorms : rowSquaredNorms(y, yRows, dim),
  onBlockRow?: () => void,
): number {
  let total = 0;
  for (let jb = 0; jb < yRows; jb += blockRows) {
    const jEnd = Math.min(jb + blockRows, yRows);
    for (let i = 0; i < xRows; i++) {
      // With `same`, only pairs j > i (each counted twice below).
      let j = same ? Math.max(jb, i + 1) : jb;
      if (j >= jEnd) continue;
      const xi = i * dim;
      const ni = xNorms[i] as number;
      let s = 0;
      for (; j + 3 < jEnd; j += 4) {
        const y0 = j * dim;
        const y1 = y0 + dim;
        const y2 = y1 + dim;
        const y3 = y2 + dim;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let k = 0; k < dim; k++) {
          const a = x[xi + k] as number;
          d0 += a * (y[y0 + k] as number);
          d1 += a * (y[y1 + k] as number);
          d2 += a * (y[y2 + k] as number);
          d3 += a * (y[y3 + k] as number);
        }
        s += Math.exp(-gamma * Math.max(ni + (yNorms[j] as number) - 2 * d0, 0));
        s += Math.exp(-gamma * Math.max(ni + (yNorms[j + 1] as number) - 2 * d1, 0));
        s += Math.exp(-gamma * Math.max(ni + (yNorms[j + 2] as number) - 2 * d2, 0));
        s += Math.exp(-gamma * Math.max(ni + (yNorms[j + 3] as number) - 2 * d3, 0));
      }
      for (; j < jEnd; j++) {
        const y0 = j * dim;
        let d = 0;
        for (let k = 0; k < dim; k++) d += (x[xi + k] as number) * (y[y0 + k] as number);
        s += Math.exp(-gamma * Math.max(ni + (yNorms[j] as number) - 2 * d, 0));
      }
      total += s;
    }
    onBlockRow?.();
  }
  return same ? 2 * total : total;
}

/**
 * K·W for the RBF kernel matrix K of the rows of `x` (diagonal 1) and a row-major rows × `width`
 * matrix W, without forming K: each pair i < j is evaluated once and feeds both rows of the product.
 * The bootstrap of Evidently's `mmd` needs cᵀKc, dᵀKd and cᵀKd for 100 resample count vectors c, d;
 * these are then dot products of the columns of W with those of K·W.
 */
export function rbfKernelTimes(x: Float64Array, rows: number, dim: number, gamma: number, w: Float64Array, width: number): Float64Array {
  const norms = rowSquaredNorms(x, rows, dim);
  const out = Float64Array.from(w); // the diagonal: K_ii = 1
  // W and K·W live in the WebAssembly memory (width padded to even with a zero column), where the
  // f64x2 `kw` update adds k·W rows in the order of the plain-JS loop below: the same sums.
  const widthP = width + (width & 1);
  const gram = GramBlocks.create(x, rows, x, rows, dim, 2 * rows * widthP * 8);
  if (gram !== undefined) {
    const heap = gram.extra;
    for (let r = 0; r < rows; r++) {
      heap.set(w.subarray(r * width, (r + 1) * width), r * widthP);
      heap.set(w.subarray(r * width, (r + 1) * width), (rows + r) * widthP);
    }
    for (let ib = 0; ib < rows; ib += gramBlockRows) {
      const ni = Math.min(gramBlockRows, rows - ib);
      for (let jb = ib; jb < rows; jb += gramBlockRows) {
        const nj = Math.min(gramBlockRows, rows - jb);
        const { values, stride } = gram.dots(ib, ni, jb, nj);
        // Dot products → kernel values, in place (the pairs b ≤ a of a diagonal block are not read).
        for (let a = 0; a < ni; a++) {
          const ni2 = norms[ib + a] as number;
          for (let b = 0; b < nj; b++) {
            const at = a * stride + b;
            values[at] = Math.exp(-gamma * Math.max(ni2 + (norms[jb + b] as number) - 2 * (values[at] as number), 0));
          }
        }
        gram.kernelTimes(ib, ni, jb, nj, stride, jb === ib, rows * widthP, widthP);
      }
    }
    for (let r = 0; r < rows; r++) out.set(heap.subarray((rows + r) * widthP, (rows + r) * widthP + width), r * width);
    return out;
  }
  for (let jb = 0; jb < rows; jb += blockRows) {
    const jEnd = Math.min(jb + blockRows, rows);
    for (let i = 0; i < jEnd - 1; i++) {
      const xi = i * dim;
      const ni = norms[i] as number;
      const wi = i * width;
      for (let j = Math.max(jb, i + 1); j < jEnd; j++) {
        const yj = j * dim;
        let d = 0;
        for (let k = 0; k < dim; k++) d += (x[xi + k] as number) * (x[yj + k] as number);
        const kij = Math.exp(-gamma * Math.max(ni + (norms[j] as number) - 2 * d, 0));
        if (kij === 0) continue;
        const wj = j * width;
        for (let c = 0; c < width; c++) {
          out[wi + c] += kij * (w[wj + c] as number);
          out[wj + c] += kij * (w[wi + c] as number);
        }
      }
    }
  }
  return out;
}
