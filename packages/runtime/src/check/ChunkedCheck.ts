import {
  type ChunkedDriftReport,
  type ChunkSpec,
  type DriftEngine,
  driftEngineToken,
  type Frame,
  type MetricsSink,
  type MultivariateMethod,
  metricsSinkToken,
} from '@driftwatch/core';
import { chunkedMetricPoints, compareInChunks, multivariateDrift, multivariateMetricPoints } from '@driftwatch/drift';
import { inject, injectable, multiInject, optional } from 'inversify';
import { type DataSourceFactory, dataSourceFactoryToken } from '../composition/tokens.js';
import { readFrameSet } from '../pipeline/readFrameSet.js';
import { type CheckRequest, frameSetRequest } from './CheckService.js';
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
  /**
   * Publish each chunk's points with a `chunk` dimension at the run's time
   * (one metric per chunk in CloudWatch) instead of, by default, one time
   * series per figure stamped with each chunk's start (see `windowPoint` in core).
   */
  readonly chunkDimension?: boolean;
  /**
   * Also score the tested columns together per chunk (the report's
   * `multivariate`): PCA `reconstruction` error or a domain `classifier`.
   */
  readonly multivariate?: MultivariateMethod;
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
 * points (those of `check`, at the chunk's start with a `window` dimension, or
 * with a `chunk` dimension on request) to every metrics sink; a failing sink
 * does not stop the others.
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
    // Multivariate drift reads rows across columns: computed before the engine sorts the reference's columns.
    const multivariate =
      request.multivariate === undefined ? undefined : multivariateDrift(request.multivariate, reference, current, driftColumns, spec);
    const compared = compareInChunks(this.engine, reference, current, driftColumns, spec, request.drift, request.referenceChunks ?? false);
    const report = multivariate === undefined ? compared : { ...compared, multivariate };
    const placement = { chunkDimension: request.chunkDimension ?? false };
    const points = chunkedMetricPoints(report, request.dimensions, placement);
    if (multivariate !== undefined)
      points.push(...multivariateMetricPoints(multivariate, report.generatedAt, spec, request.dimensions, placement));
    const failedSinks = await publishToSinks(this.sinks ?? [], points);
    return { report, failedSinks, publishedPoints: points.length, ...(request.keepFrames ? { frames: { reference, current } } : {}) };
  }
}
