import { NumpyRandomState } from '@driftwatch/core';
import { rocAuc } from '../classifier/rocAuc.js';
import type { EmbeddingDriftResult } from './EmbeddingDriftResult.js';
import { type EmbeddingMatrix, toFloat64 } from './EmbeddingMatrix.js';
import { numpyPercentile } from './numpyPercentile.js';
import { sgdLogisticRegression } from './sgdLogisticRegression.js';

/** Options of {@link modelDrift}; defaults are Evidently 0.7's `model()`. */
export interface ModelDriftOptions {
  /** Drift when the ROC AUC is above it (without bootstrap). Default 0.55. */
  readonly threshold?: number;
  /** Compare with the `quantile` of the ROC AUCs of 100 random scorers instead. Default false. */
  readonly bootstrap?: boolean;
  /** Default 0.95. */
  readonly quantile?: number;
}

/** Evidently's split and classifier seed. */
const seed = 42;

/**
 * Evidently's `ModelDriftMethod`: a domain classifier. Reference rows are labelled 1 and current rows 0,
 * stacked, split in halves as `train_test_split(test_size=0.5, random_state=42, shuffle=True)` does
 * (numpy RandomState(42).permutation: the first ⌈N/2⌉ positions are the test half), a logistic regression
 * is fitted by SGD as `SGDClassifier(loss="log_loss", random_state=42)` (see {@link sgdLogisticRegression})
 * and its ROC AUC on the test half is the score. With `bootstrap`, the cut-off is the `quantile` of the
 * ROC AUCs of `np.random.seed(i); np.random.rand(len(test))` for i = 0…99.
 *
 * @throws RangeError when the test half lacks one of the classes (ROC AUC undefined).
 */
export function modelDrift(reference: EmbeddingMatrix, current: EmbeddingMatrix, options: ModelDriftOptions = {}): EmbeddingDriftResult {
  const { dim } = reference;
  const m = reference.rows;
  const total = m + current.rows;
  const ref = toFloat64(reference);
  const cur = toFloat64(current);
  const perm = new NumpyRandomState(seed).permutation(total);
  const nTest = Math.ceil(total * 0.5);
  const nTrain = total - nTest;
  const gather = (positions: Int32Array): { x: Float64Array; y: Uint8Array } => {
    const x = new Float64Array(positions.length * dim);
    const y = new Uint8Array(positions.length);
    for (let r = 0; r < positions.length; r++) {
      const row = positions[r] as number;
      if (row < m) {
        x.set(ref.subarray(row * dim, (row + 1) * dim), r * dim);
        y[r] = 1;
      } else {
        x.set(cur.subarray((row - m) * dim, (row - m + 1) * dim), r * dim);
      }
    }
    return { x, y };
  };
  const test = gather(perm.subarray(0, nTest));
  const train = gather(perm.subarray(nTest, nTest + nTrain));
  let pos = 0;
  for (let i = 0; i < nTest; i++) pos += test.y[i] as number;
  if (pos === 0 || pos === nTest) throw new RangeError('model: the held-out half has rows of one side only, so ROC AUC is undefined');
  let trainPos = 0;
  for (let i = 0; i < nTrain; i++) trainPos += train.y[i] as number;
  if (trainPos === 0 || trainPos === nTrain) throw new RangeError('model: the training half has rows of one side only');
  const model = sgdLogisticRegression(train.x, train.y, dim, seed);
  const scores = new Float64Array(nTest);
  for (let r = 0; r < nTest; r++) {
    let s = model.intercept;
    for (let k = 0; k < dim; k++) s += (model.weights[k] as number) * (test.x[r * dim + k] as number);
    scores[r] = 1 / (1 + Math.exp(-s));
  }
  // The held-out half has rows of both sides (checked above), so the AUC is defined.
  const auc = rocAuc(scores, test.y) as number;
  if (!options.bootstrap) {
    const threshold = options.threshold ?? 0.55;
    return { method: 'model', statistic: auc, threshold, drifted: auc > threshold };
  }
  const quantile = options.quantile ?? 0.95;
  const random = new Float64Array(100);
  for (let i = 0; i < 100; i++) random[i] = rocAuc(new NumpyRandomState(i).rand(nTest), test.y) as number;
  const cutoff = numpyPercentile(random, quantile);
  return { method: 'model', statistic: auc, threshold: cutoff, drifted: auc > cutoff, bootstrapQuantile: quantile };
}
