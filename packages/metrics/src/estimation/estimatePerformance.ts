import {
  type ChunkSpec,
  type EstimateSeries,
  type EstimationReport,
  estimationReportSchemaVersion,
  InputError,
  isInputError,
  UsageError,
} from '@driftwatch/core';
import { type Chunk, chunkFrame } from '@driftwatch/data';
import type { ModelData } from '../modelData/modelData.js';
import { Cbpe } from './Cbpe.js';
import type { ClassifierOutputs } from './ClassifierOutputs.js';
import { type CbpeMetric, cbpeMetrics } from './cbpeMetrics.js';
import { realisedMetrics } from './realisedMetrics.js';

/** How {@link estimatePerformance} estimates. */
export interface EstimationOptions {
  /** CBPE metrics (`roc_auc`, `f1`, `precision`, `recall`, `specificity`, `accuracy`); default all. */
  readonly metrics?: readonly string[];
  /** Chunks of both sides. */
  readonly chunking: ChunkSpec;
  /** Isotonic recalibration of the scores on the reference: `auto` (when it lowers the calibration error), `always`, `never`. */
  readonly calibration?: 'auto' | 'always' | 'never';
  readonly generatedAt?: string;
}

/**
 * CBPE: fitted on the labelled reference (calibration, sampling errors,
 * thresholds from its chunks), then estimates each chunk of `data` from its
 * scores alone; where `data` has labels, the realised value is shown beside.
 */
export function estimatePerformance(reference: ModelData, data: ModelData, options: EstimationOptions): EstimationReport {
  if (reference.task === 'regression' || data.task === 'regression') {
    throw new UsageError('estimate works for classifiers (CBPE); the target looks continuous — pass --task binary or multiclass');
  }
  const metrics = cbpeMetricList(options.metrics);
  const chunking = options.chunking;
  const refChunks = chunkFrame(reference.frame, chunking).chunks;
  const dataChunks = chunkFrame(data.frame, chunking).chunks;
  const refOutputs = classifierOutputs(reference, reference.classification.classes, 'reference');
  const dataOutputs = classifierOutputs(data, reference.classification.classes, 'data');
  const cbpe = inFile(reference.frame.source, () =>
    Cbpe.fit(refOutputs, {
      referenceChunks: refChunks.map((c) => c.rows),
      metrics,
      ...(options.calibration ? { calibration: options.calibration } : {}),
    }),
  );
  const estimates = inFile(data.frame.source, () =>
    cbpe.estimate(
      dataOutputs,
      dataChunks.map((c) => c.rows),
    ),
  );
  const refRealised = refChunks.map((c) => realisedMetrics(refOutputs, c.rows, metrics));
  const alerts: EstimationReport['alerts'][number][] = [];
  const finite = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);
  const series: EstimateSeries[] = metrics.map((metric) => {
    const perChunk = estimates[metric] ?? [];
    const t = cbpe.thresholds[metric];
    const points = perChunk.map((e, i) => {
      const chunk = dataChunks[i] as Chunk;
      const estimate = finite(e.estimate);
      if (e.alert && estimate !== null) {
        alerts.push({ metric, chunk: chunk.key, estimate, side: Number.isFinite(t.lower) && estimate < t.lower ? 'below' : 'above' });
      }
      return {
        chunk: chunk.key,
        ...(chunk.startDate ? { startDate: chunk.startDate } : {}),
        ...(chunk.endDate ? { endDate: chunk.endDate } : {}),
        rows: e.rows,
        estimate,
        samplingError: finite(e.samplingError),
        lower: estimate === null ? null : finite(e.lower),
        upper: estimate === null ? null : finite(e.upper),
        alert: e.alert,
        labelledRows: e.labelledRows,
        ...(e.labelledRows > 0 ? { realised: finite(e.realised) } : {}),
      };
    });
    return {
      metric,
      threshold: { lower: finite(t.lower), upper: finite(t.upper) },
      reference: refChunks.map((c, i) => ({ chunk: c.key, value: finite((refRealised[i] as Record<CbpeMetric, number>)[metric]) })),
      points,
    };
  });
  const c = reference.classification;
  const report: EstimationReport = {
    schemaVersion: estimationReportSchemaVersion,
    kind: 'estimation',
    method: 'cbpe',
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    task: reference.task,
    classes: c.classes,
    ...(c.positive !== undefined ? { positive: c.classes[c.positive] as string } : {}),
    reference: { source: reference.frame.source, rows: reference.frame.rowCount, chunks: refChunks.length },
    data: { source: data.frame.source, rows: data.frame.rowCount },
    calibrated: cbpe.calibrated,
    series,
    alerts,
  };
  return report;
}

/** Runs `step` on the data of `file`; an input error it throws names the file, as every input error does. */
function inFile<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!isInputError(error) || error.message.startsWith(`${file}:`)) throw error;
    throw new InputError(error.code, `${file}: ${error.message}`, { cause: error, location: { ...error.location, file } });
  }
}

function cbpeMetricList(names: readonly string[] | undefined): CbpeMetric[] {
  if (!names || names.length === 0) return [...cbpeMetrics];
  return names.map((n) => {
    const base = n.split(':')[0] as string;
    if (!(cbpeMetrics as readonly string[]).includes(base)) {
      throw new UsageError(`--metrics: CBPE cannot estimate "${n}" (it estimates: ${cbpeMetrics.join(', ')})`);
    }
    return base as CbpeMetric;
  });
}

/**
 * CBPE's input: binary scores are the probability of class 1, so a positive
 * class at index 0 swaps the codes. Classes are the reference's; a label of
 * the data the reference never saw is treated as unknown.
 */
function classifierOutputs(
  data: ModelData & { task: 'binary' | 'multiclass' },
  classes: readonly string[],
  side: string,
): ClassifierOutputs {
  const c = data.classification;
  const remap = Int32Array.from(c.classes, (label) => classes.indexOf(label));
  const k = classes.length;
  const binary = data.task === 'binary';
  const swap = binary && c.positive === 0;
  const code = (x: number) => {
    if (x < 0) return -1;
    const r = remap[x] as number;
    return swap && r >= 0 ? 1 - r : r;
  };
  const yTrue = Int32Array.from(c.yTrue, code);
  const yPred = Int32Array.from(c.yPred, code);
  let scores: Float64Array;
  if (binary) {
    if (!c.scores) throw new UsageError(`${side}: CBPE needs the model's probability of the positive class (--proba COLUMN)`);
    scores = c.scores;
  } else {
    if (!c.proba) throw new UsageError(`${side}: CBPE needs one probability column per class (--proba-prefix PREFIX)`);
    const own = c.classes.length;
    scores = new Float64Array(data.frame.rowCount * k);
    for (let j = 0; j < own; j++) {
      const to = remap[j] as number;
      if (to < 0) continue;
      for (let i = 0; i < data.frame.rowCount; i++) scores[i * k + to] = c.proba[i * own + j] as number;
    }
  }
  return { nClasses: binary ? 2 : k, scores, yPred, yTrue };
}
