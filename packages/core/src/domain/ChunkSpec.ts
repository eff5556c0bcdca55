/** Calendar periods for {@link ChunkSpec} `by: 'period'`; all in UTC, weeks are ISO weeks (Monday first). */
export const chunkPeriods = ['hour', 'day', 'week', 'month'] as const;

/** One of {@link chunkPeriods}. */
export type ChunkPeriod = (typeof chunkPeriods)[number];

/**
 * What happens to a last row chunk smaller than `size`: kept as a chunk of
 * its own (`keep`, NannyML's default), left out (`drop`) or merged into the
 * previous chunk (`merge`, NannyML's `append`). A lone incomplete chunk has
 * nothing to merge into and is kept.
 */
export const incompletePolicies = ['keep', 'drop', 'merge'] as const;

/** One of {@link incompletePolicies}. */
export type IncompletePolicy = (typeof incompletePolicies)[number];

/**
 * How to cut a frame into chunks.
 *
 * - `size`: consecutive runs of `size` rows in file order; the last run may be
 *   shorter (see {@link IncompletePolicy}, default `keep`).
 * - `count`: `count` consecutive runs whose sizes differ by at most one (the
 *   first `rows % count` chunks get the extra row, as `numpy.array_split`),
 *   so no chunk is incomplete and no row is lost. NannyML's `CountBasedChunker`
 *   instead cuts `floor(rows / count)`-row chunks and applies the incomplete
 *   policy to the remainder, which can yield `count + 1` chunks; ours always
 *   yields `min(count, rows)`.
 * - `period`: rows grouped by the UTC calendar period of `timestamp` (rows
 *   need not be sorted); chunks in time order, empty periods absent. Rows
 *   without a timestamp are left out and counted in
 *   the chunking's `missingTimestamps` (`Chunking` in `@driftwatch/data`).
 *
 * `timestamp` with `size` or `count` only dates the chunks
 * (`startDate`/`endDate`).
 */
export type ChunkSpec =
  | { readonly by: 'size'; readonly size: number; readonly incomplete?: IncompletePolicy; readonly timestamp?: string }
  | { readonly by: 'count'; readonly count: number; readonly timestamp?: string }
  | { readonly by: 'period'; readonly period: ChunkPeriod; readonly timestamp: string };
