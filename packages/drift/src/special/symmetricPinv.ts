/** Eigen-decomposition A = V · diag(values) · Vᵀ of a real symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, unsorted (diagonal order after the last sweep). */
  values: Float64Array;
  /** Row-major n × n; column i is the unit eigenvector of `values[i]`. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 64;

/**
 * Cyclic Jacobi eigensolver for a small symmetric matrix (row-major, only
 * the upper triangle is read). A pair is left alone once
 * |a_pq| <= eps · sqrt(|a_pp · a_qq|), the Demmel–Veselić criterion, which
 * keeps small eigenvalues of positive semi-definite matrices relatively
 * accurate; this is what decides which ones fall under the pinv cut-off.
 *
 * Non-finite input yields NaN eigenvalues and vectors.
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = r; c < n; c++) {
      m[r * n + c] = a[r * n + c];
      m[c * n + r] = a[r * n + c];
    }
  }
  const v = new Float64Array(n * n);
  for (let r = 0; r < n; r++) v[r * n + r] = 1;

  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(m[k])) {
      return { values: new Float64Array(n).fill(Number.NaN), vectors: new Float64Array(n * n).fill(Number.NaN) };
    }
  }

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        if (Math.abs(apq) <= Number.EPSILON * Math.sqrt(Math.abs(app) * Math.abs(aqq))) {
          m[p * n + q] = 0;
          m[q * n + p] = 0;
          continue;
        }
        rotated = true;
        // Smaller rotation angle (|θ| <= π/4): t = tan θ solves t² + 2·theta·t − 1 = 0.
        const theta = (0.5 * (aqq - app)) / apq;
        let t: number;
        if (Math.abs(theta) > 1e150) t = 0.5 / theta;
        else {
          t = 1 / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const tau = s / (1 + c);
        m[p * n + p] = app - t * apq;
        m[q * n + q] = aqq + t * apq;
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          if (k !== p && k !== q) {
            const g = m[k * n + p];
            const h = m[k * n + q];
            const kp = g - s * (h + g * tau);
            const kq = h + s * (g - h * tau);
            m[k * n + p] = kp;
            m[p * n + k] = kp;
            m[k * n + q] = kq;
            m[q * n + k] = kq;
          }
          const g = v[k * n + p];
          const h = v[k * n + q];
          v[k * n + p] = g - s * (h + g * tau);
          v[k * n + q] = h + s * (g - h * tau);
        }
      }
    }
    if (!rotated) break;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: v };
}

/** Result of {@link symmetricPinv}. */
export interface SymmetricPinvResult {
  /** Row-major n × n Moore–Penrose pseudo-inverse. */
  pinv: Float64Array;
  /** Eigenvalues of the input (see {@link SymmetricEigen}). */
  eigenvalues: Float64Array;
  /** Eigenvalues kept, |λ| > rtol · max|λ|: the rank numpy's matrix_rank gives with the same rtol. */
  rank: number;
  /**
   * `matrix_rank(pinv)` with the array-API default tolerance, n · eps ·
   * max singular value, as scipy's epps_singleton_2samp computes its chi²
   * degrees of freedom. Singular values of the pinv are 1/|λ| for kept λ.
   */
  rankOfPinv: number;
}

/**
 * Pseudo-inverse of a small real symmetric matrix with `np.linalg.pinv`
 * semantics: singular values (here |λ|) at or below `rtol · max|λ|` are
 * treated as zero. The default `rtol = n · eps` is the array-API default that
 * scipy's `xp.linalg.pinv` passes as `rcond` (not numpy's own 1e-15).
 *
 * Computed as V · diag(1/λ) · Vᵀ over the kept eigenpairs of a Jacobi
 * decomposition; the result is exactly symmetric (numpy's SVD route is so
 * only to rounding). Non-finite input gives a NaN matrix and ranks of 0
 * (numpy raises "SVD did not converge").
 *
 * @param a - row-major n × n symmetric matrix (upper triangle is read).
 */
export function symmetricPinv(a: Float64Array, n: number, rtol: number = n * Number.EPSILON): SymmetricPinvResult {
  const { values, vectors } = symmetricEigen(a, n);
  const pinv = new Float64Array(n * n);
  if (values.some(Number.isNaN)) return { pinv: pinv.fill(Number.NaN), eigenvalues: values, rank: 0, rankOfPinv: 0 };

  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  const cutoff = rtol * maxAbs;
  const inverse = new Float64Array(n);
  let rank = 0;
  let minKept = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const mag = Math.abs(values[i]);
    if (mag > cutoff) {
      inverse[i] = 1 / values[i];
      rank++;
      if (mag < minKept) minKept = mag;
    }
  }
  for (let r = 0; r < n; r++) {
    for (let c = r; c < n; c++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += vectors[r * n + i] * inverse[i] * vectors[c * n + i];
      pinv[r * n + c] = sum;
      pinv[c * n + r] = sum;
    }
  }
  // matrix_rank(pinv): keep 1/|λ| > (1/minKept) · n · eps.
  const pinvTol = (1 / minKept) * n * Number.EPSILON;
  let rankOfPinv = 0;
  for (let i = 0; i < n; i++) if (inverse[i] !== 0 && Math.abs(inverse[i]) > pinvTol) rankOfPinv++;
  return { pinv, eigenvalues: values, rank, rankOfPinv };
}
