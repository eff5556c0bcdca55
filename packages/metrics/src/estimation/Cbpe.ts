import { InputError, UsageError } from '@driftwatch/core';
import { ChunkEvaluator } from './ChunkEvaluator.js';
import type { ChunkRows } from './ChunkRows.js';
import { type ClassifierOutputs, type OutputsShape, validateOutputs } from './ClassifierOutputs.js';
import { type CbpeMetric, cbpeMetrics } from './cbpeMetrics.js';
import type { CalibrationCheck, CalibrationCheckOptions } from './needsCalibration.js';
import { isOutside, type MetricThresholds, referenceThresholds } from './referenceThresholds.js';
import { type CalibrationMode, ScoreCalibrator } from './ScoreCalibrator.js';
import { type SamplingErrorComponents, samplingError, samplingErrorComponents } from './samplingError.js';

/** Settings of {@link Cbpe.fit}. */
export interface CbpeOptions {
  /** Metrics to estimate. Default: all of {@link cbpeMetrics}. */
  readonly metrics?: readonly CbpeMetric[];
  /** Chunks of the reference, for the alert thresholds (realised metric per chunk → mean ± 3 std). */
  readonly referenceChunks: readonly ChunkRows[];
  /** Calibration policy. Default `auto` (NannyML: calibrate a class only when the check finds it helps). */
  readonly calibration?: CalibrationMode;
  /** Settings of the calibration check (`auto` only). */
  readonly calibrationCheck?: CalibrationCheckOptions;
  /** Standard deviations of the reference chunks' realised values either side of their mean. Default 3. */
  readonly thresholdMultiplier?: number;
  /** Half-width of the confidence band in sampling errors. Default 3 (NannyML's `SAMPLING_ERROR_RANGE`). */
  readonly samplingErrorMultiplier?: number;
  /** Caller-set thresholds; a metric listed here skips the reference-derived ones. */
  readonly thresholds?: Partial<Record<CbpeMetric, MetricThresholds>>;
}

/** One metric's figures for one chunk. */
export interface CbpeChunkEstimate {
  /** Rows used: those with a score and a prediction. */
  readonly rows: number;
  /** CBPE estimate from calibrated probabilities; NaN when no row is usable. */
  readonly estimate: number;
  /** Standard error of the metric for a chunk of `rows` rows, from the reference. */
  readonly samplingError: number;
  /** `estimate − multiplier · samplingError`, floored at 0. */
  readonly lower: number;
  /** `estimate + multiplier · samplingError`, capped at 1. */
  readonly upper: number;
  /** Alert threshold below which the estimate alerts. */
  readonly lowerThreshold: number;
  /** Alert threshold above which the estimate alerts. */
  readonly upperThreshold: number;
  /** Estimate outside the thresholds. */
  readonly alert: boolean;
  /** Rows among `rows` that carry a label. */
  readonly labelledRows: number;
  /** Realised metric over the labelled rows, when there are any (raw scores for ROC AUC). */
  readonly realised?: number;
}

/** Estimates per metric, each an array with one entry per chunk in the order given. */
export type CbpeEstimates = { readonly [M in CbpeMetric]?: readonly CbpeChunkEstimate[] };

/**
 * Confidence-based performance estimation (NannyML's CBPE) for binary and multiclass classifiers.
 *
 * Fit on labelled reference data: calibrate scores (isotonic, per class, when the check says so),
 * derive sampling-error components and alert thresholds. Then {@link estimate} any data, labelled or
 * not: calibrated probabilities give an expected confusion matrix per chunk (binary:
 * E[TP] = Σ_{ŷ=1} p, E[FP] = Σ_{ŷ=1} (1 − p), E[FN] = Σ_{ŷ=0} p, E[TN] = Σ_{ŷ=0} (1 − p)) and from it the
 * metrics; ROC AUC comes from the expected ROC curve. Multiclass: one-vs-rest per class, macro mean.
 * Valid while the concept P(y | x) stays as in the reference (covariate shift only).
 */
export class Cbpe {
  /** Metrics estimated, in order. */
  readonly metrics: readonly CbpeMetric[];
  /** Alert thresholds per metric. */
  readonly thresholds: Readonly<Record<CbpeMetric, MetricThresholds>>;
  readonly #shape: OutputsShape;
  readonly #calibrator: ScoreCalibrator;
  readonly #components: ReadonlyMap<CbpeMetric, SamplingErrorComponents>;
  readonly #seMultiplier: number;

  private constructor(
    shape: OutputsShape,
    metrics: readonly CbpeMetric[],
    calibrator: ScoreCalibrator,
    components: ReadonlyMap<CbpeMetric, SamplingErrorComponents>,
    thresholds: Record<CbpeMetric, MetricThresholds>,
    seMultiplier: number,
  ) {
    this.#shape = shape;
    this.metrics = metrics;
    this.#calibrator = calibrator;
    this.#components = components;
    this.thresholds = thresholds;
    this.#seMultiplier = seMultiplier;
  }

  /**
   * Fits on labelled reference outputs (`reference.yTrue` required; rows with label −1 are ignored).
   * @throws InputError for malformed data or a reference without usable labelled rows.
   * @throws UsageError for unknown metrics or invalid multipliers.
   */
  static fit(reference: ClassifierOutputs, options: CbpeOptions): Cbpe {
    const metrics = options.metrics ?? cbpeMetrics;
    for (const m of metrics) {
      if (!(cbpeMetrics as readonly string[]).includes(m)) {
        throw new UsageError(`options.metrics: unknown metric "${m}" (known: ${cbpeMetrics.join(', ')})`);
      }
    }
    const thresholdMultiplier = options.thresholdMultiplier ?? 3;
    const seMultiplier = options.samplingErrorMultiplier ?? 3;
    if (!(thresholdMultiplier >= 0)) throw new UsageError(`options.thresholdMultiplier must be >= 0, got ${thresholdMultiplier}`);
    if (!(seMultiplier >= 0)) throw new UsageError(`options.samplingErrorMultiplier must be >= 0, got ${seMultiplier}`);
    const mode = options.calibration ?? 'auto';
    if (mode !== 'auto' && mode !== 'always' && mode !== 'never') {
      throw new UsageError(`options.calibration must be auto, always or never, got "${String(mode)}"`);
    }
    if (options.referenceChunks.length === 0) throw new UsageError('options.referenceChunks must name at least one chunk');

    const shape = validateOutputs(reference, 'reference');
    if (reference.yTrue === undefined) throw new InputError('INPUT_INVALID_VALUE', 'reference.yTrue is required to fit CBPE');
    const evaluator = new ChunkEvaluator(shape);
    evaluator.load(reference, { start: 0, end: shape.n }, 'reference');
    const m = evaluator.labelledCount;
    if (m === 0) throw new InputError('INPUT_NO_ROWS', 'reference has no row with a score, a prediction and a label');
    const rows = evaluator.labelledRows().slice(0, m);

    const calibrator = ScoreCalibrator.fit(reference, shape, rows, m, mode, options.calibrationCheck);
    const components = new Map<CbpeMetric, SamplingErrorComponents>();
    for (const metric of metrics) components.set(metric, samplingErrorComponents(metric, reference, shape, rows, m));

    const perChunk = new Map<CbpeMetric, Float64Array>();
    for (const metric of metrics) perChunk.set(metric, new Float64Array(options.referenceChunks.length));
    options.referenceChunks.forEach((chunk, i) => {
      evaluator.load(reference, chunk, `options.referenceChunks[${i}]`);
      evaluator.accumulateCounted(reference.yPred, reference.yTrue!);
      for (const metric of metrics) perChunk.get(metric)![i] = evaluator.realised(metric, reference.scores, reference.yTrue!);
    });
    const thresholds = {} as Record<CbpeMetric, MetricThresholds>;
    for (const metric of metrics) {
      thresholds[metric] = options.thresholds?.[metric] ?? referenceThresholds(perChunk.get(metric)!, { multiplier: thresholdMultiplier });
    }
    return new Cbpe(shape, metrics, calibrator, components, thresholds, seMultiplier);
  }

  /** Per class (binary: one entry), whether its scores are calibrated. */
  get calibrated(): readonly boolean[] {
    return this.#calibrator.regressions.map((r) => r !== null);
  }

  /** Per class, the calibration check that decided it (undefined unless `calibration: 'auto'`). */
  get calibrationChecks(): readonly (CalibrationCheck | undefined)[] {
    return this.#calibrator.checks;
  }

  /** Calibrated probabilities for outputs of the fitted shape (as used by {@link estimate}). */
  calibrate(scores: Float64Array): Float64Array {
    return this.#calibrator.apply(scores);
  }

  /**
   * Estimates every metric on every chunk of `data` (same class count as the reference). Labels,
   * when present, only feed `realised`.
   * @throws InputError for malformed data or a chunk outside the rows.
   */
  estimate(data: ClassifierOutputs, chunks: readonly ChunkRows[]): CbpeEstimates {
    const shape = validateOutputs(data, 'data');
    if (shape.k !== this.#shape.k) {
      throw new InputError('INPUT_INVALID_VALUE', `data.nClasses is ${shape.k}, but CBPE was fitted on ${this.#shape.k} classes`);
    }
    const calibrated = this.#calibrator.apply(data.scores);
    const evaluator = new ChunkEvaluator(shape);
    const out = new Map<CbpeMetric, CbpeChunkEstimate[]>();
    for (const metric of this.metrics) out.set(metric, []);
    const k = this.#seMultiplier;
    chunks.forEach((chunk, i) => {
      evaluator.load(data, chunk, `chunks[${i}]`);
      evaluator.accumulateExpected(calibrated, data.yPred);
      const labelled = data.yTrue !== undefined && evaluator.labelledCount > 0;
      if (labelled) evaluator.accumulateCounted(data.yPred, data.yTrue!);
      const rows = evaluator.validCount;
      for (const metric of this.metrics) {
        const estimate = evaluator.estimated(metric, data.scores, calibrated);
        const se = rows > 0 ? samplingError(this.#components.get(metric)!, rows) : Number.NaN;
        const t = this.thresholds[metric];
        const entry: CbpeChunkEstimate = {
          rows,
          estimate,
          samplingError: se,
          lower: Math.max(0, estimate - k * se),
          upper: Math.min(1, estimate + k * se),
          lowerThreshold: t.lower,
          upperThreshold: t.upper,
          alert: isOutside(estimate, t),
          labelledRows: evaluator.labelledCount,
          ...(labelled ? { realised: evaluator.realised(metric, data.scores, data.yTrue!) } : {}),
        };
        out.get(metric)!.push(entry);
      }
    });
    const result: { [M in CbpeMetric]?: CbpeChunkEstimate[] } = {};
    for (const [metric, entries] of out) result[metric] = entries;
    return result;
  }
}
