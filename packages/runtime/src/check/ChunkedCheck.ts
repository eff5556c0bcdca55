import {
  type ChunkDrift,
  type ChunkedDriftReport,
  type ChunkSpec,
  chunkedDriftReportSchemaVersion,
  type DriftEngine,
  type DriftOptions,
  type DriftReport,
  driftEngineToken,
  type Frame,
  type MetricPoint,
  type MetricsSink,
  metricsSinkToken,
} from '@driftwatch/core';
import { chunkDataQuality, chunkFrame, takeRows } from '@driftwatch/data';
import { inject, injectable, multiInject, optional } from 'inversify';
import { type DataSourceFactory, dataSourceFactoryToken } from '../composition/tokens.js';
import { readFrameSet } from '../pipeline/readFrameSet.js';
import { type CheckRequest, frameSetRequest } from './CheckService.js';
import { chunkedCheckSeries } from './ChunkedCheckSeries.js';
import { driftMetricPoints } from './driftMetricPoints.js';
import { publishToSinks } from './publishToSinks.js';

/** One chunked `driftwatch check`. */
export interface ChunkedCheckRequest extends CheckRequest {
  /** How to cut the current data (and the reference, with `referenceChunks`). */
  readonly chunking: ChunkSpec;
  /**
   * Also cut the reference the same way and compare each of its chunks with
   * the whole reference, giving each column's expected spread (the band of
   * {@link ChunkedDriftReport} series). Period chunking then needs the
   * timestamp column in the reference too.
   */
  readonly referenceChunks?: boolean;
}

/** What a chunked check produced. */
export interface ChunkedCheckResult {
  readonly report: ChunkedDriftReport;
  /** Sinks that failed, with why; the others still published. */
  readonly failedSinks: readonly { readonly type: string; readonly reason: string }[];
  readonly publishedPoints: number;
  /** The frames compared, when asked for with `keepFrames` (the reference's numeric columns sorted). */
  readonly frames?: { readonly reference: Frame; readonly current: Frame };
}

/**
 * Drift over time: reads the reference and the current data once, cuts the
 * current data into chunks (by rows, by count or by calendar period), and
 * compares every chunk with the whole reference using the bound drift
 * engine, with the data quality of each chunk. Publishes each chunk's metric
 * points (those of `check`, with a `chunk` dimension holding the chunk key)
 * to every metrics sink; a failing sink does not stop the others.
 */
@injectable()
export class ChunkedCheck {
  constructor(
    @inject(driftEngineToken) private readonly engine: DriftEngine,
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @multiInject(metricsSinkToken) @optional() private readonly sinks: MetricsSink[] = [],
  ) {}

  async check(request: ChunkedCheckRequest): Promise<ChunkedCheckResult> {
    const spec = request.chunking;
    const frames = await readFrameSet(this.openSource, frameSetRequest(request, spec.timestamp));
    const reference = frames.reference as Frame;
    const { current, driftColumns } = frames;
    const report = compareInChunks(this.engine, reference, current, driftColumns, spec, request.drift, request.referenceChunks ?? false);
    const points = chunkedMetricPoints(report, request.dimensions);
    const failedSinks = await publishToSinks(this.sinks ?? [], points);
    return { report, failedSinks, publishedPoints: points.length, ...(request.keepFrames ? { frames: { reference, current } } : {}) };
  }
}

/**
 * The metric points of a chunked report: for each chunk, the points
 * {@link driftMetricPoints} gives for a plain check, with a `chunk`
 * dimension holding the chunk key, and per column its data quality:
 * `quality.missing_share`, `quality.unseen_share` (categorical) and
 * `quality.out_of_range_share` (numeric), dimensions `feature` and `chunk`.
 */
export function chunkedMetricPoints(report: ChunkedDriftReport, dimensions: Readonly<Record<string, string>> = {}): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const c of report.chunks) {
    const asReport: DriftReport = {
      schemaVersion: 1,
      generatedAt: report.generatedAt,
      reference: { source: report.reference.source, rows: report.reference.rows },
      current: { source: report.current.source, rows: c.rows },
      dataset: c.dataset,
      columns: c.columns,
    };
    points.push(...driftMetricPoints(asReport, { ...dimensions, chunk: c.key }));
    // Data quality as points too, so alert rules (and provider alarms) can watch it per chunk.
    const timestamp = report.generatedAt;
    for (const q of c.quality) {
      const dims = { ...dimensions, chunk: c.key, feature: q.column };
      const share = (name: string, value: number | null | undefined) => {
        if (value !== null && value !== undefined) points.push({ name, value, unit: 'None', timestamp, dimensions: dims });
      };
      share('quality.missing_share', q.missingShare);
      share('quality.unseen_share', q.unseen?.share);
      if (q.range) share('quality.out_of_range_share', (q.range.belowShare ?? 0) + (q.range.aboveShare ?? 0));
    }
  }
  return points;
}

/**
 * Compares each chunk of `current` with the whole `reference` (and, with
 * `withReferenceChunks`, each reference chunk too, for the bands). The
 * engine sorts `reference`'s numeric columns in place: callers that need its
 * row order afterwards pass a copy.
 */
export function compareInChunks(
  engine: DriftEngine,
  reference: Frame,
  current: Frame,
  selected: readonly string[],
  spec: ChunkSpec,
  drift: DriftOptions | undefined,
  withReferenceChunks: boolean,
): ChunkedDriftReport {
  const currentChunks = chunkFrame(current, spec);
  const referenceChunks = withReferenceChunks ? chunkFrame(reference, spec) : undefined;
  // Copies taken before the first comparison, which sorts the reference's numeric columns in place.
  const referenceChunkFrames = referenceChunks?.chunks.map((c) => takeRows(reference, c.rows));
  const quality = chunkDataQuality(reference, current, currentChunks.chunks, selected);

  // Each chunk is a fresh copy the engine may reorder; the reference is sorted by the first
  // comparison and stays sorted, so later ones re-sort nothing.
  const options: DriftOptions = { ...drift, columns: selected, ignore: [], reorderRows: true };
  const chunks: ChunkDrift[] = currentChunks.chunks.map((c, i) => {
    const report = engine.compare(reference, takeRows(current, c.rows), options);
    return {
      index: c.index,
      key: c.key,
      ...(c.startDate === undefined ? {} : { startDate: c.startDate }),
      ...(c.endDate === undefined ? {} : { endDate: c.endDate }),
      rows: c.rowCount,
      dataset: report.dataset,
      columns: report.columns,
      quality: quality[i],
    };
  });
  const referenceReports: DriftReport[] | undefined = referenceChunkFrames?.map((f) => engine.compare(reference, f, options));

  const generatedAt = new Date().toISOString();
  const drifted = chunks.filter((c) => c.dataset.drifted);
  const report: ChunkedDriftReport = {
    schemaVersion: chunkedDriftReportSchemaVersion,
    kind: 'chunked-drift',
    generatedAt,
    reference: { source: reference.source, rows: reference.rowCount, chunks: referenceReports?.length ?? 0 },
    current: {
      source: current.source,
      rows: current.rowCount,
      missingTimestamps: currentChunks.missingTimestamps,
      droppedRows: currentChunks.droppedRows,
    },
    chunking: spec,
    summary: {
      chunks: chunks.length,
      driftedChunks: drifted.length,
      drifted: drifted.length > 0,
      driftedChunkKeys: drifted.map((c) => c.key),
    },
    chunks,
    series: chunkedCheckSeries(selected, chunks, referenceReports),
  };

  return report;
}
