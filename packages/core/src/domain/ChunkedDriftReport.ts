import type { ChunkSpec } from './ChunkSpec.js';
import type { ColumnKind } from './ColumnKind.js';
import type { ColumnQuality } from './ColumnQuality.js';
import type { ColumnDrift, DriftReport } from './DriftResult.js';
import type { MultivariateDrift } from './MultivariateDrift.js';

/** Version of the JSON shape of {@link ChunkedDriftReport}; bumped on breaking changes. */
export const chunkedDriftReportSchemaVersion = 1 as const;

/** One chunk of the current data compared with the whole reference. */
export interface ChunkDrift {
  /** 0-based, in time order for period chunks, row order otherwise. */
  readonly index: number;
  /** `2026-W05`, `2026-01-26`, `2026-01`, `2026-01-26T13` or `rows 0–999`. */
  readonly key: string;
  /** ISO-8601 UTC; for period chunks the period's start, for row chunks the earliest timestamp (with `--timestamp`). */
  readonly startDate?: string;
  /** ISO-8601 UTC; for period chunks the next period's start (exclusive), for row chunks the latest timestamp. */
  readonly endDate?: string;
  readonly rows: number;
  /** The dataset verdict of this chunk, as in {@link DriftReport}. */
  readonly dataset: DriftReport['dataset'];
  /** Per-column results, as in {@link DriftReport}. */
  readonly columns: readonly ColumnDrift[];
  /** Data quality of this chunk against the whole reference (`invalid` is `null`: it is counted per file). */
  readonly quality: readonly ColumnQuality[];
}

/**
 * The spread of a column's drift score over chunks of the reference, each
 * compared with the whole reference: NannyML's band `mean ± 3·std`
 * (population standard deviation, not clipped to the score's range). All
 * `null` when no reference chunk gave a finite score.
 */
export interface ReferenceBand {
  /** The score of each reference chunk, `null` where skipped. */
  readonly values: readonly (number | null)[];
  readonly mean: number | null;
  readonly std: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** A column's score in one chunk. */
export interface SeriesPoint {
  readonly chunk: string;
  /** The p-value for tests, the distance otherwise (see `measure`); `null` when skipped. */
  readonly value: number | null;
  /** The threshold this chunk's verdict used (after multiple-testing correction). */
  readonly threshold: number;
  /** The method's verdict: the column drifted in this chunk. */
  readonly alert: boolean;
  /** The score lies outside the reference band; `null` without reference chunks or a band. */
  readonly outsideBand: boolean | null;
}

/** One column's drift score over time. */
export interface ColumnSeries {
  readonly column: string;
  readonly kind: ColumnKind;
  /**
   * The method of the first chunk that tested the column. Default selection
   * depends on the reference's rows and distinct values, so every chunk uses
   * the same method except when a chunk brings new values to a column with at
   * most 5 distinct values; each chunk's own method is in `chunks[i].columns`.
   */
  readonly method: string;
  readonly measure: ColumnDrift['measure'];
  readonly rule: ColumnDrift['rule'];
  /** Present when the reference was chunked too (`referenceChunks`), else `null`. */
  readonly band: ReferenceBand | null;
  readonly points: readonly SeriesPoint[];
}

/**
 * What `driftwatch check --window|--chunks|--period … --format json` prints:
 * the current data cut into chunks, each compared with the whole reference.
 *
 * ```jsonc
 * {
 *   "schemaVersion": 1,
 *   "kind": "chunked-drift",
 *   "generatedAt": "2026-02-01T10:00:00.000Z",
 *   "reference": { "source": "ref.csv", "rows": 5000, "chunks": 4 },   // chunks: 0 without --reference-chunks
 *   "current": { "source": "cur.csv", "rows": 8000, "missingTimestamps": 3, "droppedRows": 0 },
 *   "chunking": { "by": "period", "period": "week", "timestamp": "ts" },  // or { by: size, size, incomplete } / { by: count, count }
 *   "summary": { "chunks": 6, "driftedChunks": 2, "drifted": true, "driftedChunkKeys": ["2026-W04", "2026-W05"] },
 *   "chunks": [ { "index": 0, "key": "2026-W01", "startDate": "…", "endDate": "…", "rows": 1400,
 *                 "dataset": { …as in check --format json… }, "columns": [ …ColumnDrift… ],
 *                 "quality": [ { "column": "age", "kind": "numeric", "rows": 1400, "missing": 3, "missingShare": 0.002,
 *                                "invalid": null, "unseen": null,
 *                                "range": { "referenceMin": 18, "referenceMax": 90, "below": 0, "above": 2, "belowShare": 0, "aboveShare": 0.0014 } } ] } ],
 *   "series": [ { "column": "age", "kind": "numeric", "method": "wasserstein", "measure": "distance", "rule": "d>=t",
 *                 "band": { "values": [0.01, 0.02], "mean": 0.015, "std": 0.005, "lower": 0, "upper": 0.03 },
 *                 "points": [ { "chunk": "2026-W01", "value": 0.02, "threshold": 0.1, "alert": false, "outsideBand": false } ] } ]
 * }
 * ```
 *
 * Quality figures and band figures are never `NaN` or infinite (they are
 * `null`); a drift statistic can be infinite, which `--format json` writes as
 * the string `"Infinity"`, as for `check` without chunks.
 */
export interface ChunkedDriftReport {
  readonly schemaVersion: typeof chunkedDriftReportSchemaVersion;
  readonly kind: 'chunked-drift';
  readonly generatedAt: string;
  /** `chunks`: how many reference chunks gave the bands (0 when the reference was not chunked). */
  readonly reference: { readonly source: string; readonly rows: number; readonly chunks: number };
  /**
   * `missingTimestamps`: rows without a timestamp, left out of period chunks;
   * `droppedRows`: rows of an incomplete last chunk left out by `incomplete: 'drop'`.
   */
  readonly current: { readonly source: string; readonly rows: number; readonly missingTimestamps: number; readonly droppedRows: number };
  readonly chunking: ChunkSpec;
  /** `drifted`: some chunk's dataset verdict is drift. */
  readonly summary: {
    readonly chunks: number;
    readonly driftedChunks: number;
    readonly drifted: boolean;
    readonly driftedChunkKeys: readonly string[];
  };
  readonly chunks: readonly ChunkDrift[];
  /** One per tested column, in column order. */
  readonly series: readonly ColumnSeries[];
  /** Multivariate drift of the tested columns together, when asked for (`--multivariate`, `drift.multivariate`). */
  readonly multivariate?: MultivariateDrift;
}
