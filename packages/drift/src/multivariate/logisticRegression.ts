/** Weights of a fitted logistic regression: `weights[0..p)` per feature, then the intercept. */
export interface LogisticModel {
  readonly weights: Float64Array;
}

/**
 * L2-regularised logistic regression (scikit-learn's `LogisticRegression`
 * objective with `C`: ½‖w‖² + C·Σ log-loss, intercept not penalised) fitted by
 * Newton's method on the rows of `x` (row-major n × p) whose `use[i]` is 1,
 * until no weight moves by more than 1e-8 (at most 50 steps).
 */
export function logisticRegression(x: Float64Array, p: number, y: Uint8Array, use: Uint8Array, c = 1): LogisticModel {
  const n = y.length;
  const q = p + 1;
  const w = new Float64Array(q);
  const grad = new Float64Array(q);
  const hess = new Float64Array(q * q);
  const row = new Float64Array(q);
  for (let step = 0; step < 50; step++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      if (use[i] === 0) continue;
      for (let j = 0; j < p; j++) row[j] = x[i * p + j];
      row[p] = 1;
      let z = 0;
      for (let j = 0; j < q; j++) z += w[j] * row[j];
      const prob = 1 / (1 + Math.exp(-z));
      const r = c * (prob - y[i]);
      const h = c * prob * (1 - prob);
      for (let a = 0; a < q; a++) {
        grad[a] += r * row[a];
        const ha = h * row[a];
        for (let b = a; b < q; b++) hess[a * q + b] += ha * row[b];
      }
    }
    for (let a = 0; a < p; a++) {
      grad[a] += w[a];
      hess[a * q + a] += 1;
    }
    hess[p * q + p] += 1e-10;
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) hess[a * q + b] = hess[b * q + a];
    const delta = solveSymmetric(hess, grad, q);
    let moved = 0;
    for (let j = 0; j < q; j++) {
      w[j] -= delta[j];
      moved = Math.max(moved, Math.abs(delta[j]));
    }
    if (!(moved > 1e-8)) break;
  }
  return { weights: w };
}

/** Probability of class 1 for row `i` of `x`. */
export function logisticProbability(model: LogisticModel, x: Float64Array, p: number, i: number): number {
  let z = model.weights[p];
  for (let j = 0; j < p; j++) z += model.weights[j] * x[i * p + j];
  return 1 / (1 + Math.exp(-z));
}

/** Solves H·d = g for a symmetric positive-definite H (q × q) by Cholesky. */
function solveSymmetric(h: Float64Array, g: Float64Array, q: number): Float64Array {
  const l = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[i * q + j];
      for (let k = 0; k < j; k++) s -= l[i * q + k] * l[j * q + k];
      l[i * q + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j * q + j];
    }
  }
  const z = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= l[i * q + k] * z[k];
    z[i] = s / l[i * q + i];
  }
  const d = new Float64Array(q);
  for (let i = q - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < q; k++) s -= l[k * q + i] * d[k];
    d[i] = s / l[i * q + i];
  }
  return d;
}
