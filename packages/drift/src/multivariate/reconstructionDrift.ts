import type { ChunkSpec, Frame, MultivariateDrift, MultivariatePoint } from '@driftwatch/core';
import { type Chunk, chunkFrame } from '@driftwatch/data';
import { referenceBand } from '../chunked/chunkedCheckSeries.js';
import { defaultVarianceShare, fitReconstruction, type ReconstructionModel, reconstructionErrors } from './fitReconstruction.js';

/** Options of {@link reconstructionDrift}. */
export interface ReconstructionDriftOptions {
  /** Share of the reference's variance the kept components explain. Default 0.65 (NannyML's). */
  readonly varianceShare?: number;
}

/** Mean error of a chunk and its standard error std(ddof 1) / √rows (`null` for one row). */
function chunkScore(model: ReconstructionModel, frame: Frame, rows: Int32Array): { value: number | null; samplingError: number | null } {
  if (rows.length === 0) return { value: null, samplingError: null };
  const errors = reconstructionErrors(model, frame, rows);
  let sum = 0;
  for (const e of errors) sum += e;
  const mean = sum / errors.length;
  if (errors.length < 2) return { value: mean, samplingError: null };
  let ss = 0;
  for (const e of errors) ss += (e - mean) * (e - mean);
  return { value: mean, samplingError: Math.sqrt(ss / (errors.length - 1)) / Math.sqrt(errors.length) };
}

/** Point of one chunk, with the thresholds and NannyML's alert rule: not (lower < value < upper). */
export function multivariatePoint(
  chunk: Chunk,
  value: number | null,
  samplingError: number | null,
  lower: number | null,
  upper: number | null,
): MultivariatePoint {
  const alert = value !== null && !((lower === null || lower < value) && (upper === null || value < upper));
  return {
    chunk: chunk.key,
    ...(chunk.startDate === undefined ? {} : { startDate: chunk.startDate }),
    ...(chunk.endDate === undefined ? {} : { endDate: chunk.endDate }),
    rows: chunk.rowCount,
    value,
    samplingError,
    lower,
    upper,
    alert,
  };
}

/** The summary of a multivariate series. */
export function multivariateSummary(points: readonly MultivariatePoint[]): MultivariateDrift['summary'] {
  const alerting = points.filter((p) => p.alert);
  return { alerts: alerting.length, drifted: alerting.length > 0, alertChunkKeys: alerting.map((p) => p.chunk) };
}

/**
 * Multivariate drift by PCA reconstruction error, NannyML's
 * `DataReconstructionDriftCalculator` with its defaults: fitted on the whole
 * reference ({@link fitReconstruction}); each chunk's value is the mean
 * reconstruction error of its rows; the thresholds are the mean ± 3
 * population standard deviations of the reference chunks' values (NannyML's
 * `StandardDeviationThreshold`: `nanmean`, `nanstd`), a lower threshold ≤ 0
 * dropped (the error's floor); a chunk alerts when its value is not strictly
 * between them. The reference and current frames keep their row order (rows
 * are read across columns).
 */
export function reconstructionDrift(
  reference: Frame,
  current: Frame,
  columns: readonly string[],
  spec: ChunkSpec,
  options: ReconstructionDriftOptions = {},
): MultivariateDrift {
  const model = fitReconstruction(reference, columns, options.varianceShare ?? defaultVarianceShare);
  const referenceValues = chunkFrame(reference, spec).chunks.map((c) => chunkScore(model, reference, c.rows).value);
  const band = referenceBand(referenceValues);
  const lower = band.lower === null || band.lower <= 0 ? null : band.lower;
  const upper = band.upper;
  const points = chunkFrame(current, spec).chunks.map((c) => {
    const { value, samplingError } = chunkScore(model, current, c.rows);
    return multivariatePoint(c, value, samplingError, lower, upper);
  });
  return {
    method: 'reconstruction',
    columns: model.encoding.columns,
    skipped: model.encoding.skipped,
    components: model.components,
    explainedVariance: model.explainedVariance,
    reference: { values: referenceValues },
    lower,
    upper,
    points,
    summary: multivariateSummary(points),
  };
}
