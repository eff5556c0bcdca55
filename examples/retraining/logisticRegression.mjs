// L2-regularised logistic regression fitted by Newton's method (IRLS) with a backtracking
// line search: deterministic, and converged to machine precision in a handful of iterations
// for the small designs of the retraining example.

/** Summed log loss of labels `y` under logits `eta`, computed without overflow. */
function logLossSum(eta, y) {
  let sum = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i];
    // log(1 + exp(e)) - y e, stable for large |e|
    sum += Math.max(e, 0) + Math.log1p(Math.exp(-Math.abs(e))) - y[i] * e;
  }
  return sum;
}

function logits(x, n, p, beta, intercept, out) {
  for (let i = 0; i < n; i++) {
    let e = intercept;
    const row = i * p;
    for (let j = 0; j < p; j++) e += x[row + j] * beta[j];
    out[i] = e;
  }
  return out;
}

/** Solves `a s = b` for a symmetric positive definite `a` (d×d, row-major) by Cholesky; null when not positive definite. */
function solveCholesky(a, b, d) {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * z[k];
    z[i] = s / l[i * d + i];
  }
  const s = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let t = z[i];
    for (let k = i + 1; k < d; k++) t -= l[k * d + i] * s[k];
    s[i] = t / l[i * d + i];
  }
  return s;
}

/**
 * Fits `P(y = 1 | x) = 1 / (1 + exp(-(x·beta + intercept)))` by minimising
 * `sum_i logloss_i + (l2 / 2) * |beta|^2` (the intercept is not penalised), which is
 * scikit-learn's `LogisticRegression(C = 1 / l2)` objective.
 *
 * @param x row-major design, `n × p`
 * @param y labels, 0 or 1
 * @param n rows
 * @param p columns
 * @param l2 penalty, > 0
 * @returns coefficients, intercept, iterations, whether it converged, and the mean training log loss
 */
export function fitLogisticRegression(x, y, n, p, l2, { maxIterations = 100, tolerance = 1e-10 } = {}) {
  const d = p + 1; // the intercept is parameter p
  let beta = new Float64Array(p);
  // Start from the base rate's log-odds: one Newton iteration fewer.
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  let intercept = positives > 0 && positives < n ? Math.log(positives / (n - positives)) : 0;
  const eta = new Float64Array(n);
  const trial = new Float64Array(n);
  const objective = (b, b0, out) => {
    let penalty = 0;
    for (let j = 0; j < p; j++) penalty += b[j] * b[j];
    return logLossSum(logits(x, n, p, b, b0, out), y) + 0.5 * l2 * penalty;
  };
  let current = objective(beta, intercept, eta);
  let converged = false;
  let iterations = 0;
  const grad = new Float64Array(d);
  const hess = new Float64Array(d * d);
  const xi = new Float64Array(d);
  xi[p] = 1;
  while (iterations < maxIterations) {
    iterations++;
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const prob = 1 / (1 + Math.exp(-eta[i]));
      const r = prob - y[i];
      const w = prob * (1 - prob);
      const row = i * p;
      for (let j = 0; j < p; j++) xi[j] = x[row + j];
      for (let j = 0; j < d; j++) {
        const wj = w * xi[j];
        grad[j] += r * xi[j];
        for (let k = 0; k <= j; k++) hess[j * d + k] += wj * xi[k];
      }
    }
    for (let j = 0; j < p; j++) {
      grad[j] += l2 * beta[j];
      hess[j * d + j] += l2;
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[k * d + j] = hess[j * d + k];
    const step = solveCholesky(hess, grad, d);
    if (step === null) throw new Error('logistic regression: the Hessian is not positive definite');
    // Newton direction is -step; backtrack until the objective decreases (Armijo). Near the
    // optimum the decrease falls below the objective's rounding error, hence the slack: the
    // full step is then taken and convergence stays quadratic.
    let slope = 0;
    for (let j = 0; j < d; j++) slope -= grad[j] * step[j];
    const slack = 64 * Number.EPSILON * Math.abs(current);
    let t = 1;
    let next = beta;
    let nextIntercept = intercept;
    let value = current;
    for (let halvings = 0; halvings < 60; halvings++) {
      next = new Float64Array(p);
      for (let j = 0; j < p; j++) next[j] = beta[j] - t * step[j];
      nextIntercept = intercept - t * step[p];
      value = objective(next, nextIntercept, trial);
      if (value <= current + 1e-4 * t * slope + slack) break;
      t /= 2;
    }
    let largest = 0;
    for (let j = 0; j < d; j++) largest = Math.max(largest, Math.abs(t * step[j]));
    if (value <= current + slack) {
      beta = next;
      intercept = nextIntercept;
      current = value;
      eta.set(trial);
    }
    if (largest <= tolerance) {
      converged = true;
      break;
    }
  }
  return {
    coefficients: beta,
    intercept,
    iterations,
    converged,
    logLoss: logLossSum(logits(x, n, p, beta, intercept, trial), y) / n,
  };
}

/** `P(y = 1)` for each row of a row-major `n × p` design. */
export function predictProba(x, n, p, coefficients, intercept) {
  const out = new Float64Array(n);
  logits(x, n, p, coefficients, intercept, out);
  for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
  return out;
}
