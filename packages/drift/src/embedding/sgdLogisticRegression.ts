import { NumpyRandomState } from '@driftwatch/core';

/** A fitted linear model: P(y = 1 | x) = σ(w·x + b). */
export interface LinearModel {
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Epochs run. */
  readonly epochs: number;
}

const alpha = 1e-4;
const maxIter = 1000;
const tol = 1e-3;
const nIterNoChange = 5;
const int32Max = 2147483647;

/**
 * scikit-learn's `SGDClassifier(loss="log_loss", random_state=seed).fit(x, y)` with its defaults (L2
 * penalty α = 1e-4, learning rate `optimal` η = 1/(α(t₀ + t − 1)) with Bottou's t₀, an intercept, up to
 * 1000 epochs stopped when the mean objective has not improved by `tol` = 1e-3 for 5 epochs), ported
 * from `_plain_sgd` step by step: the same seeds (`make_dataset`'s then `fit_binary`'s draw from numpy's
 * RandomState(seed)), the same per-epoch Fisher–Yates shuffle by the xorshift `our_rand_r`, the same
 * scaled weight vector and half-binomial loss and gradient. Floating-point sums may round differently
 * from the compiled original, so coefficients agree closely, not bit for bit.
 *
 * @param x row-major rows × dim features; `y` the 0/1 labels.
 */
export function sgdLogisticRegression(x: Float64Array, y: Uint8Array, dim: number, seed: number): LinearModel {
  const n = y.length;
  const rs = new NumpyRandomState(seed);
  rs.randint(1, int32Max, 1); // make_dataset's seed (used by the dataset only for random sampling, not here)
  const shuffleSeed = rs.randint(0, int32Max, 1)[0] as number;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const w = new Float64Array(dim);
  let wscale = 1;
  let sqNorm = 0;
  let intercept = 0;
  const typw = Math.sqrt(1 / Math.sqrt(alpha));
  const initialEta0 = typw / Math.max(1, halfBinomialGradient(1, -typw));
  const optimalInit = 1 / (initialEta0 * alpha);
  let t = 1;
  let bestObjective = Number.POSITIVE_INFINITY;
  let noImprovement = 0;
  let epoch = 0;
  for (; epoch < maxIter; epoch++) {
    // SequentialDataset.shuffle: the seed is passed by value, so every epoch restarts the xorshift stream
    // from it while permuting the previous epoch's order.
    let s = shuffleSeed >>> 0;
    for (let i = 0; i < n - 1; i++) {
      if (s === 0) s = 1;
      s = (s ^ (s << 13)) >>> 0;
      s = (s ^ (s >>> 17)) >>> 0;
      s = (s ^ (s << 5)) >>> 0;
      const j = i + ((s % 2147483648) % (n - i));
      const tmp = index[i] as number;
      index[i] = index[j] as number;
      index[j] = tmp;
    }
    let objective = 0;
    for (let i = 0; i < n; i++) {
      const row = index[i] as number;
      const off = row * dim;
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (w[k] as number) * (x[off + k] as number);
      const p = dot * wscale + intercept;
      const label = y[row] as number;
      const eta = 1 / (alpha * (optimalInit + t - 1));
      objective += halfBinomialLoss(label, p) + alpha * 0.5 * sqNorm;
      const update = -eta * halfBinomialGradient(label, p);
      // w.scale(1 − ηα), rescaling the stored vector when the scale gets tiny (WSCALE_THRESHOLD 1e-9)
      const c = Math.max(0, 1 - eta * alpha);
      wscale *= c;
      sqNorm *= c * c;
      if (wscale < 1e-9) {
        for (let k = 0; k < dim; k++) w[k] = (w[k] as number) * wscale;
        wscale = 1;
      }
      if (update !== 0) {
        let inner = 0;
        let xsq = 0;
        const step = update / wscale;
        for (let k = 0; k < dim; k++) {
          const v = x[off + k] as number;
          inner += (w[k] as number) * v;
          xsq += v * v;
          w[k] = (w[k] as number) + v * step;
        }
        sqNorm += xsq * update * update + 2 * inner * wscale * update;
        intercept += update;
      }
      t++;
    }
    let finite = Number.isFinite(intercept);
    for (let k = 0; k < dim && finite; k++) finite = Number.isFinite(w[k] as number);
    if (!finite) throw new RangeError('SGD diverged (non-finite weights): the embedding values are too large');
    const mean = objective / n;
    if (mean > bestObjective - tol) noImprovement++;
    else noImprovement = 0;
    if (mean < bestObjective) bestObjective = mean;
    if (noImprovement >= nIterNoChange) {
      epoch++;
      break;
    }
  }
  for (let k = 0; k < dim; k++) w[k] = (w[k] as number) * wscale;
  return { weights: w, intercept, epochs: epoch };
}

/** sklearn's `closs_half_binomial`: log(1 + e^p) − y·p, in its overflow-safe branches. */
function halfBinomialLoss(y: number, p: number): number {
  if (p <= 0) return Math.log1p(Math.exp(p)) - y * p;
  if (p <= 18) return Math.log1p(Math.exp(-p)) + (1 - y) * p;
  return Math.exp(-p) + (1 - y) * p;
}

/** sklearn's `cgrad_half_binomial`: σ(p) − y. */
function halfBinomialGradient(y: number, p: number): number {
  if (p > -37) {
    const e = Math.exp(-p);
    return (1 - y - y * e) / (1 + e);
  }
  return Math.exp(p) - y;
}
