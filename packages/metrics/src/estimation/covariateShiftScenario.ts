import type { ChunkRows } from './ChunkRows.js';
import { chunksByCount } from './ChunkRows.js';
import type { ClassifierOutputs } from './ClassifierOutputs.js';
import { SeededRandom } from './SeededRandom.js';

/** Knobs of {@link covariateShiftScenario}. */
export interface CovariateShiftScenarioOptions {
  /** Rows per chunk, reference and analysis alike. Default 5000. */
  readonly rowsPerChunk?: number;
  /** Reference chunks (feature mean fixed at `startMean`). Default 10. */
  readonly referenceChunks?: number;
  /** Analysis chunks; the feature mean moves linearly from `startMean` to `endMean` across them. Default 20. */
  readonly analysisChunks?: number;
  /** Feature mean of the reference and first analysis chunk. Default −2. */
  readonly startMean?: number;
  /** Feature mean of the last analysis chunk. Default 0 (the decision boundary: accuracy falls). */
  readonly endMean?: number;
  /** True concept P(y = 1 | x) = sigmoid(slope · x + intercept). Defaults 2 and 0. */
  readonly slope?: number;
  /** See `slope`. */
  readonly intercept?: number;
  /**
   * The model's score is sigmoid(temperature · (slope · x + intercept) + bias): temperature 1 and bias 0
   * give a perfectly calibrated model; temperature > 1 an over-confident one. Defaults 1 and 0.
   */
  readonly temperature?: number;
  /** See `temperature`. */
  readonly bias?: number;
  /** Seed of the generator. Default 7. */
  readonly seed?: number;
  /**
   * Classes k. Default 2. For k > 2 the concept is softmax over logits `slope · (c − (k − 1) / 2) · x`
   * (plus `intercept` on class 0), the model's scores softmax(temperature · logits + bias on class 0),
   * and it predicts the arg-max class.
   */
  readonly nClasses?: number;
}

/** Reference and analysis data of the scenario, both labelled, with their chunks. */
export interface CovariateShiftScenario {
  readonly reference: ClassifierOutputs;
  readonly referenceChunks: readonly ChunkRows[];
  readonly analysis: ClassifierOutputs;
  readonly analysisChunks: readonly ChunkRows[];
  /** Feature mean of each analysis chunk. */
  readonly analysisMeans: Float64Array;
}

/**
 * Deterministic binary-classification population under pure covariate shift, for tests and the
 * benchmark: x ~ N(μ_t, 1) with μ_t moving across analysis chunks, labels drawn from a fixed concept
 * P(y = 1 | x) = sigmoid(a·x + b), and a model whose score is a (possibly mis-calibrated) monotone
 * function of the true log-odds, predicting class 1 at score ≥ 0.5. Because P(y | x) never changes,
 * CBPE's assumption holds and its estimates should follow the realised metrics.
 */
export function covariateShiftScenario(options: CovariateShiftScenarioOptions = {}): CovariateShiftScenario {
  const rowsPerChunk = options.rowsPerChunk ?? 5000;
  const nRef = rowsPerChunk * (options.referenceChunks ?? 10);
  const nChunks = options.analysisChunks ?? 20;
  const nAna = rowsPerChunk * nChunks;
  const start = options.startMean ?? -2;
  const end = options.endMean ?? 0;
  const rng = new SeededRandom(options.seed ?? 7);
  const means = new Float64Array(nChunks);
  for (let c = 0; c < nChunks; c++) means[c] = nChunks === 1 ? start : start + ((end - start) * c) / (nChunks - 1);
  const k = options.nClasses ?? 2;
  const draw = (n: number, meanOf: (row: number) => number): ClassifierOutputs => {
    if (k > 2) return drawMulticlass(n, k, meanOf, rng, options);
    const scores = new Float64Array(n);
    const yPred = new Int32Array(n);
    const yTrue = new Int32Array(n);
    const a = options.slope ?? 2;
    const b = options.intercept ?? 0;
    const temperature = options.temperature ?? 1;
    const bias = options.bias ?? 0;
    for (let i = 0; i < n; i++) {
      const x = meanOf(i) + rng.nextNormal();
      const logit = a * x + b;
      const pTrue = 1 / (1 + Math.exp(-logit));
      yTrue[i] = rng.nextDouble() < pTrue ? 1 : 0;
      const s = 1 / (1 + Math.exp(-(temperature * logit + bias)));
      scores[i] = s;
      yPred[i] = s >= 0.5 ? 1 : 0;
    }
    return { nClasses: 2, scores, yPred, yTrue };
  };
  const reference = draw(nRef, () => start);
  const analysis = draw(nAna, (i) => means[Math.floor(i / rowsPerChunk)]);
  return {
    reference,
    referenceChunks: chunksByCount(nRef, options.referenceChunks ?? 10),
    analysis,
    analysisChunks: chunksByCount(nAna, nChunks),
    analysisMeans: means,
  };
}

function drawMulticlass(
  n: number,
  k: number,
  meanOf: (row: number) => number,
  rng: SeededRandom,
  options: CovariateShiftScenarioOptions,
): ClassifierOutputs {
  const a = options.slope ?? 2;
  const b = options.intercept ?? 0;
  const temperature = options.temperature ?? 1;
  const bias = options.bias ?? 0;
  const scores = new Float64Array(n * k);
  const yPred = new Int32Array(n);
  const yTrue = new Int32Array(n);
  const logits = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = meanOf(i) + rng.nextNormal();
    let z = 0;
    let zModel = 0;
    for (let c = 0; c < k; c++) {
      logits[c] = a * (c - (k - 1) / 2) * x + (c === 0 ? b : 0);
      z += Math.exp(logits[c]);
      zModel += Math.exp(temperature * logits[c] + (c === 0 ? bias : 0));
    }
    const u = rng.nextDouble();
    let cum = 0;
    let label = -1;
    let best = 0;
    for (let c = 0; c < k; c++) {
      cum += Math.exp(logits[c]) / z;
      if (label < 0 && u < cum) label = c;
      const s = Math.exp(temperature * logits[c] + (c === 0 ? bias : 0)) / zModel;
      scores[i * k + c] = s;
      if (s > scores[i * k + best]) best = c;
    }
    // The cumulative sum can end a rounding error below 1.
    yTrue[i] = label < 0 ? k - 1 : label;
    yPred[i] = best;
  }
  return { nClasses: k, scores, yPred, yTrue };
}
