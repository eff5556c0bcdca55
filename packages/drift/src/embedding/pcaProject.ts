import type { EmbeddingMatrix } from './EmbeddingMatrix.js';

/**
 * scikit-learn's `PCA(n_components=k).fit_transform(reference)` and `.transform(current)`: both sides
 * centred by the reference mean and projected on the reference's top-k principal axes, found here as the
 * eigenvectors of the reference's scatter matrix (cyclic Jacobi rotations, to machine precision), which is
 * what sklearn's `full` and `covariance_eigh` solvers compute; its `randomized` solver (chosen by `auto`
 * only for large inputs with k < 0.8·min(rows, dim)) approximates the same axes. An axis's sign is
 * arbitrary (sklearn fixes it by `svd_flip`); every Evidently method that follows is invariant to it:
 * univariate tests and Euclidean, city-block and Chebyshev distances see a mirrored component alike.
 */
export function pcaProject(
  reference: EmbeddingMatrix,
  current: EmbeddingMatrix,
  k: number,
): { reference: EmbeddingMatrix; current: EmbeddingMatrix } {
  const { dim } = reference;
  const m = reference.rows;
  const x = reference.values;
  const mean = new Float64Array(dim);
  for (let r = 0; r < m; r++) for (let j = 0; j < dim; j++) mean[j] += x[r * dim + j] as number;
  for (let j = 0; j < dim; j++) mean[j] /= m;
  const scatter = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < dim; j++) row[j] = (x[r * dim + j] as number) - (mean[j] as number);
    for (let i = 0; i < dim; i++) {
      const a = row[i] as number;
      if (a === 0) continue;
      const off = i * dim;
      for (let j = i; j < dim; j++) scatter[off + j] += a * (row[j] as number);
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) scatter[i * dim + j] = scatter[j * dim + i] as number;
  const { values, vectors } = jacobiEigen(scatter, dim);
  const order = Array.from({ length: dim }, (_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number));
  const axes = order.slice(0, k);
  const project = (side: EmbeddingMatrix): EmbeddingMatrix => {
    const out = new Float64Array(side.rows * k);
    const v = side.values;
    for (let r = 0; r < side.rows; r++) {
      for (let j = 0; j < dim; j++) row[j] = (v[r * dim + j] as number) - (mean[j] as number);
      for (let c = 0; c < k; c++) {
        const axis = axes[c] as number;
        let s = 0;
        for (let j = 0; j < dim; j++) s += (row[j] as number) * (vectors[j * dim + axis] as number);
        out[r * k + c] = s;
      }
    }
    return { rows: side.rows, dim: k, values: out };
  };
  return { reference: project(reference), current: project(current) };
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major, destroyed) by cyclic Jacobi rotations:
 * eigenvalues, and eigenvectors as the columns of `vectors`.
 */
function jacobiEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += (a[i * n + i] as number) ** 2;
      for (let j = i + 1; j < n; j++) off += (a[i * n + j] as number) ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
