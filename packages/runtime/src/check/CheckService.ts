import {
  type DriftEngine,
  type DriftOptions,
  type DriftReport,
  driftEngineToken,
  type Frame,
  type MetricsSink,
  metricsSinkToken,
  type Schema,
} from '@driftwatch/core';
import { driftMetricPoints, ExactDriftEngine } from '@driftwatch/drift';
import { inject, injectable, multiInject, optional } from 'inversify';
import { type DataSourceFactory, dataSourceFactoryToken } from '../composition/tokens.js';
import { profileFrameSet } from '../pipeline/profileFrameSet.js';
import { type FrameSetRequest, readFrameSet } from '../pipeline/readFrameSet.js';
import type { SourceSpec } from '../pipeline/SourceSpec.js';
import { publishToSinks } from './publishToSinks.js';

/** One `driftwatch check`. */
export interface CheckRequest {
  readonly reference: SourceSpec;
  readonly current: SourceSpec;
  /** Column kinds that override the inferred ones. */
  readonly schema?: Schema;
  /** Fail on the first unreadable value instead of counting it. */
  readonly strict?: boolean;
  /** Embeddings stored as numeric column groups: name → column prefix (see `FrameSetRequest.embeddings`). */
  readonly embeddings?: Readonly<Record<string, { readonly prefix: string }>>;
  readonly drift?: DriftOptions;
  /** Dimensions added to every published metric point (e.g. the monitor's name). */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly onProgress?: (side: 'reference' | 'current', bytesRead: number, totalBytes: number | undefined) => void;
  /** Return the frames read (for reports that summarise distributions); numeric columns may be reordered. */
  readonly keepFrames?: boolean;
  /**
   * Memory budget in bytes (`--max-memory`). When both sides are local CSV, TSV or JSON Lines files
   * and holding the tested columns would take more, numeric columns are summarised while reading
   * (see `profileFrameSet`) and each column's result names its path. Absent: no budget.
   */
  readonly maxMemoryBytes?: number;
  /**
   * Threads for the in-memory path (`--threads`; default 1 for reading): with 2 or more the two sides
   * are read (and their numeric columns sorted) at the same time, the current side on a worker thread.
   * Passed to the engine too (`DriftOptions.threads`): 1 keeps a KS p-value's Smirnov sum on this thread.
   */
  readonly threads?: number;
}

/** What a check produced. */
export interface CheckResult {
  readonly report: DriftReport;
  /** Sinks that failed, with why; the others still published. */
  readonly failedSinks: readonly { readonly type: string; readonly reason: string }[];
  readonly publishedPoints: number;
  /** The frames compared, when asked for with `keepFrames` (numeric columns sorted). */
  readonly frames?: { readonly reference: Frame; readonly current: Frame };
}

/**
 * Reads both sides with one schema (inferred from the reference head, then
 * overridden), compares them, and publishes the figures to every configured
 * metrics sink. A failing sink does not stop the others.
 */
@injectable()
export class CheckService {
  constructor(
    @inject(driftEngineToken) private readonly engine: DriftEngine,
    @inject(dataSourceFactoryToken) private readonly openSource: DataSourceFactory,
    @multiInject(metricsSinkToken) @optional() private readonly sinks: MetricsSink[] = [],
  ) {}

  async check(request: CheckRequest): Promise<CheckResult> {
    if (request.maxMemoryBytes !== undefined && !request.keepFrames && this.engine instanceof ExactDriftEngine) {
      const report = await this.#checkOverBudget(request, request.maxMemoryBytes, this.engine);
      if (report) {
        const points = driftMetricPoints(report, request.dimensions);
        const failedSinks = await publishToSinks(this.sinks ?? [], points);
        return { report, failedSinks, publishedPoints: points.length };
      }
    }
    // Only the selected columns are read; the frames are ours alone, so the engine may sort them in place.
    // Each side's numeric columns come sorted by the thread that read it (the engine sorts them anyway),
    // but for those whose named method reads them in any order (no one sorts them).
    const methods = request.drift?.methods ?? {};
    const { reference, current, driftColumns } = await readFrameSet(this.openSource, {
      ...frameSetRequest(request),
      sortDriftColumns: (column) => {
        const method = methods[column] ?? methods['*'];
        return method === undefined || this.engine.wantsSorted?.(method) !== false;
      },
      ...(request.threads !== undefined ? { threads: request.threads } : {}),
      // A method's worker thread (ks's Smirnov sum) starts while this thread waits for the current side;
      // its size is taken to be the reference's until it is read.
      onReferenceRead: (frame) =>
        this.engine.warm?.(
          { methods, ...(request.threads !== undefined ? { threads: request.threads } : {}) },
          frame.rowCount,
          frame.rowCount,
        ),
    });
    const refFrame = reference as Frame;
    const report = this.engine.compare(refFrame, current, {
      ...request.drift,
      columns: driftColumns,
      ignore: [],
      reorderRows: true,
      ...(request.threads !== undefined ? { threads: request.threads } : {}),
    });
    const points = driftMetricPoints(report, request.dimensions);
    const failedSinks = await publishToSinks(this.sinks ?? [], points);
    return {
      report,
      failedSinks,
      publishedPoints: points.length,
      ...(request.keepFrames ? { frames: { reference: refFrame, current } } : {}),
    };
  }

  /**
   * The report of a check whose data is over its budget, read in batches into profiles; undefined when
   * the data fits (or a side is not a local CSV, TSV or JSON Lines file), for the in-memory path.
   */
  async #checkOverBudget(request: CheckRequest, budgetBytes: number, engine: ExactDriftEngine): Promise<DriftReport | undefined> {
    const profiled = await profileFrameSet({
      reference: request.reference,
      current: request.current,
      ...(request.schema ? { kinds: request.schema } : {}),
      columns: request.drift?.columns,
      ignore: request.drift?.ignore,
      ...(request.strict !== undefined ? { strict: request.strict } : {}),
      budgetBytes,
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    if (!profiled) return undefined;
    return engine.compareProfiled(profiled.reference, profiled.current, { ...request.drift, ignore: [] }, profiled.memory);
  }
}

/** The frame set a check reads: both sides, the drift selection (less `timestamp`, read as a datetime when given). */
export function frameSetRequest(request: CheckRequest, timestamp?: string): FrameSetRequest {
  return {
    reference: request.reference,
    current: request.current,
    ...(request.schema ? { kinds: request.schema } : {}),
    drift: { columns: request.drift?.columns, ignore: request.drift?.ignore },
    ...(timestamp !== undefined ? { timestamps: [timestamp], requireTimestamp: true } : {}),
    ...(request.strict !== undefined ? { strict: request.strict } : {}),
    ...(request.embeddings ? { embeddings: request.embeddings } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  };
}
