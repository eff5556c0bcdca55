import { type Frame, InputError } from '@driftwatch/core';
import { symmetricEigen } from './symmetricEigen.js';
import { encodeRows, fitTabularEncoding, type TabularEncoding } from './tabularEncoding.js';

/** NannyML's default share of the reference's variance the kept principal components explain. */
export const defaultVarianceShare = 0.65;

/** A fitted PCA reconstruction: encoding, standard scaling and the kept principal axes. */
export interface ReconstructionModel {
  readonly encoding: TabularEncoding;
  /** Per encoded column: the reference's mean and population standard deviation (1 where it is 0), as `StandardScaler`. */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  /** Mean of the scaled reference (the PCA's centre; 0 up to rounding). */
  readonly pcaMean: Float64Array;
  /** Kept components. */
  readonly components: number;
  /** Their share of the scaled reference's variance. */
  readonly explainedVariance: number;
  /** The kept axes, row-major columns × components. */
  readonly basis: Float64Array;
}

/**
 * Fits NannyML's `DataReconstructionDriftCalculator` on the reference: the
 * {@link TabularEncoding}, scikit-learn's `StandardScaler`, and a PCA of the
 * scaled rows keeping the fewest components whose explained variance ratios
 * sum to more than `varianceShare` (scikit-learn's rule for a fractional
 * `n_components`: `searchsorted(cumsum, share, side="right") + 1`). The PCA is
 * an eigendecomposition of the covariance matrix (Jacobi), which spans the
 * same subspace as scikit-learn's SVD; reconstruction errors do not depend on
 * the axes' signs.
 */
export function fitReconstruction(
  reference: Frame,
  columns: readonly string[],
  varianceShare: number = defaultVarianceShare,
): ReconstructionModel {
  const encoding = fitTabularEncoding(reference, columns);
  const d = encoding.columns.length;
  const n = reference.rowCount;
  if (d === 0) throw new InputError('INPUT_NO_ROWS', `${reference.source}: no numeric or categorical column to reconstruct`);
  if (n < 2) throw new InputError('INPUT_NO_ROWS', `${reference.source}: PCA reconstruction needs at least 2 reference rows (got ${n})`);
  const x = encodeRows(encoding, reference);
  const center = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i * d + j];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (x[i * d + j] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    center[j] = mean;
    // StandardScaler keeps a (near-)constant column unscaled.
    scale[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean)) ? 1 : sd;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] - center[j]) / scale[j];
  const pcaMean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) pcaMean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) pcaMean[j] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j] - pcaMean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= n - 1;
      cov[b * d + a] = cov[a * d + b];
    }
  const { values, vectors } = symmetricEigen(cov, d);
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.max(0, values[j]);
  let k = 0;
  let cum = 0;
  if (total === 0) k = d;
  else {
    while (k < d && cum / total <= varianceShare) cum += Math.max(0, values[k++]);
  }
  const explained = total === 0 ? 1 : cum / total;
  const basis = new Float64Array(d * k);
  for (let a = 0; a < d; a++) for (let c = 0; c < k; c++) basis[a * k + c] = vectors[a * d + c];
  return { encoding, center, scale, pcaMean, components: k, explainedVariance: explained, basis };
}

/**
 * Per row (all rows of `frame`, or those listed) the Euclidean norm of the
 * scaled row minus its PCA reconstruction, as NannyML computes it.
 */
export function reconstructionErrors(model: ReconstructionModel, frame: Frame, rows?: Int32Array): Float64Array {
  const x = encodeRows(model.encoding, frame, rows);
  const d = model.center.length;
  const k = model.components;
  const n = x.length / d;
  const out = new Float64Array(n);
  const z = new Float64Array(d);
  const t = new Float64Array(k);
  const { basis, center, scale, pcaMean } = model;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) z[j] = (x[i * d + j] - center[j]) / scale[j] - pcaMean[j];
    t.fill(0);
    for (let j = 0; j < d; j++) {
      const zj = z[j];
      for (let c = 0; c < k; c++) t[c] += zj * basis[j * k + c];
    }
    let ss = 0;
    for (let j = 0; j < d; j++) {
      let r = z[j];
      for (let c = 0; c < k; c++) r -= basis[j * k + c] * t[c];
      ss += r * r;
    }
    out[i] = Math.sqrt(ss);
  }
  return out;
}
