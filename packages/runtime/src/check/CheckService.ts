import {
  type ColumnSpec,
  type DriftEngine,
  type DriftOptions,
  type DriftReport,
  driftEngineToken,
  type Frame,
  type MetricsSink,
  metricsSinkToken,
  type Schema,
} from '@driftwatch/core';
import { inject, injectable, multiInject, optional } from 'inversify';
import { type DataSourceFactory, dataSourceFactoryToken } from '../composition/tokens.js';
import { readChunkedCheckFrames } from './ChunkedCheckFrames.js';
import { driftMetricPoints } from './driftMetricPoints.js';
import { publishToSinks } from './publishToSinks.js';

/** Where a side of the comparison comes from. */
export interface SourceSpec {
  readonly type?: string;
  /** A local file; its extension gives the type when `type` is absent. */
  readonly path?: string;
  readonly [option: string]: unknown;
}

/** One `driftwatch check`. */
export interface CheckRequest {
  readonly reference: SourceSpec;
  readonly current: SourceSpec;
  /** Column kinds that override the inferred ones. */
  readonly schema?: Schema;
  /** Fail on the first unreadable value instead of counting it. */
  readonly strict?: boolean;
  readonly drift?: DriftOptions;
  /** Dimensions added to every published metric point (e.g. the monitor's name). */
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly onProgress?: (side: 'reference' | 'current', bytesRead: number, totalBytes: number | undefined) => void;
  /** Return the frames read (for reports that summarise distributions); numeric columns may be reordered. */
  readonly keepFrames?: boolean;
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
    // One schema from the reference head; columns outside the selection are not read at all.
    const { reference: refFrame, current: curFrame, selected } = await readChunkedCheckFrames(this.openSource, request, undefined);
    // The frames are ours alone: the engine may sort their columns in place.
    const report = this.engine.compare(refFrame, curFrame, { ...request.drift, columns: selected, ignore: [], reorderRows: true });
    const points = driftMetricPoints(report, request.dimensions);
    const failedSinks = await publishToSinks(this.sinks ?? [], points);
    return {
      report,
      failedSinks,
      publishedPoints: points.length,
      ...(request.keepFrames ? { frames: { reference: refFrame, current: curFrame } } : {}),
    };
  }
}

/** The inferred schema with the user's column specs laid over it; user columns not inferred are kept (the reader reports them). */
export function mergeSchema(inferred: Schema, override: Schema | undefined): Schema {
  if (!override) return inferred;
  const byName = new Map<string, ColumnSpec>(override.columns.map((c) => [c.name, c]));
  const columns = inferred.columns.map((c) => {
    const o = byName.get(c.name);
    return o ? { ...c, ...o } : c;
  });
  for (const o of override.columns) if (!inferred.columns.some((c) => c.name === o.name)) columns.push(o);
  return { columns };
}
