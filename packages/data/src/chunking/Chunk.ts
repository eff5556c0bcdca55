/**
 * One window of a frame's rows. Serialisable as is apart from `rows`, which
 * callers leave out of JSON (a chunk of a million rows would print a
 * million indices).
 */
export interface Chunk {
  /** 0-based position among the chunks, in time (period chunks) or row order. */
  readonly index: number;
  /**
   * The chunk's label: `2026-01-26T13` (hour), `2026-01-26` (day), `2026-W05`
   * (ISO week), `2026-01` (month), or `rows 0–999` for row chunks.
   */
  readonly key: string;
  /**
   * ISO-8601 UTC start: the period's first instant for period chunks, the
   * earliest timestamp in the chunk for row chunks chunked with a timestamp
   * column; absent otherwise.
   */
  readonly startDate?: string;
  /**
   * ISO-8601 UTC end: for period chunks the first instant of the next period
   * (exclusive); for row chunks with a timestamp column the latest timestamp
   * in the chunk (inclusive).
   */
  readonly endDate?: string;
  readonly rowCount: number;
  /** The frame's row indices in this chunk, ascending. */
  readonly rows: Int32Array;
}

/** The chunks of a frame and the rows left out of every chunk. */
export interface Chunking {
  readonly chunks: readonly Chunk[];
  /** Rows without a (finite) timestamp, left out of period chunks. */
  readonly missingTimestamps: number;
  /** Rows of an incomplete last chunk left out by `incomplete: 'drop'`. */
  readonly droppedRows: number;
}
