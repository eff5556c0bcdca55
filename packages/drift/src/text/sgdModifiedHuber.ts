import { NumpyRandomState } from '@driftwatch/core';
import type { TfidfMatrix } from './tfidf.js';

/** A linear model over sparse features. */
export interface SparseLinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
}

const alpha = 1e-4;
const maxIter = 50;
const tol = 1e-3;
const nIterNoChange = 5;
const int32Max = 2147483647;
/** scikit-learn's intercept decay for sparse input. */
const sparseInterceptDecay = 0.01;

function dloss(p: number, y: number): number {
  const z = p * y;
  if (z >= 1) return 0;
  if (z >= -1) return 2 * (1 - z) * -y;
  return -4 * y;
}

function loss(p: number, y: number): number {
  const z = p * y;
  if (z >= 1) return 0;
  if (z >= -1) return (1 - z) * (1 - z);
  return -4 * z;
}

/**
 * The classifier of Evidently's text content drift, `SGDClassifier(alpha=1e-4, max_iter=50, penalty="l1",
 * loss="modified_huber", random_state=42)`, following scikit-learn's `_plain_sgd` for sparse rows: labels
 * ±1, learning rate `optimal` η = 1/(α(t₀ + t − 1)), the L1 penalty as the cumulative truncated gradient
 * (Tsuruoka et al.) on each sample's features, the intercept updated with the sparse decay 0.01, every
 * epoch shuffled by the xorshift stream of the seed numpy's `RandomState(seed)` draws, stopped when the
 * epoch's summed loss has not improved by `tol`·n for 5 epochs. Not bit-exact (summation order, no
 * averaging of floating-point corner cases): close to scikit-learn's coefficients, the same words on top.
 */
export function sgdModifiedHuber(x: TfidfMatrix, dim: number, y: Uint8Array, seed = 42): SparseLinearModel {
  const n = x.rows;
  const rs = new NumpyRandomState(seed);
  rs.randint(1, int32Max, 1);
  const shuffleSeed = rs.randint(0, int32Max, 1)[0] as number;
  const index = Int32Array.from({ length: n }, (_, i) => i);
  const w = new Float64Array(dim);
  const q = new Float64Array(dim);
  let u = 0;
  let intercept = 0;
  const typw = Math.sqrt(1 / Math.sqrt(alpha));
  const initialEta0 = typw / Math.max(1, dloss(-typw, 1));
  const optimalInit = 1 / (initialEta0 * alpha);
  let t = 1;
  let best = Number.POSITIVE_INFINITY;
  let noImprovement = 0;
  for (let epoch = 0; epoch < maxIter; epoch++) {
    let s = shuffleSeed >>> 0;
    for (let i = 0; i < n - 1; i++) {
      if (s === 0) s = 1;
      s = (s ^ (s << 13)) >>> 0;
      s = (s ^ (s >>> 17)) >>> 0;
      s = (s ^ (s << 5)) >>> 0;
      const j = i + ((s % 2147483648) % (n - i));
      const tmp = index[i];
      index[i] = index[j];
      index[j] = tmp;
    }
    let sumLoss = 0;
    for (let r = 0; r < n; r++) {
      const row = index[r];
      const from = x.offsets[row];
      const to = x.offsets[row + 1];
      let p = intercept;
      for (let k = from; k < to; k++) p += w[x.indices[k]] * x.values[k];
      const label = y[row] === 1 ? 1 : -1;
      const eta = 1 / (alpha * (optimalInit + t - 1));
      sumLoss += loss(p, label);
      const update = -eta * dloss(p, label);
      if (update !== 0) {
        for (let k = from; k < to; k++) w[x.indices[k]] += update * x.values[k];
        intercept += update * sparseInterceptDecay;
      }
      u += eta * alpha;
      for (let k = from; k < to; k++) {
        const j = x.indices[k];
        const z = w[j];
        if (z > 0) w[j] = Math.max(0, z - (u + q[j]));
        else if (z < 0) w[j] = Math.min(0, z + (u - q[j]));
        q[j] += w[j] - z;
      }
      t++;
    }
    if (sumLoss > best - tol * n) noImprovement++;
    else noImprovement = 0;
    if (sumLoss < best) best = sumLoss;
    if (noImprovement >= nIterNoChange) break;
  }
  return { weights: w, intercept };
}

/** `predict_proba` of modified Huber: (clip(w·x + b, −1, 1) + 1) / 2. */
export function modifiedHuberProbability(model: SparseLinearModel, x: TfidfMatrix, row: number): number {
  let p = model.intercept;
  for (let k = x.offsets[row]; k < x.offsets[row + 1]; k++) p += model.weights[x.indices[k]] * x.values[k];
  return (Math.min(1, Math.max(-1, p)) + 1) / 2;
}
