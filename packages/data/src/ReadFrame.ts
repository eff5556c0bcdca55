import type { Column, Frame } from '@driftwatch/core';

/** A value that could not be read as its column's kind (stored as missing). */
export interface InvalidValue {
  /** 1-based line of the file (for Parquet: 1-based row number). */
  readonly line: number;
  /** 1-based character column where the value starts in that line (JSONL: where its key starts; Parquet: 0). */
  readonly column: number;
  /** 1-based position of the column among the file's columns. */
  readonly fieldNumber: number;
  /** The column name. */
  readonly field: string;
  /** The value as written in the file. */
  readonly text: string;
}

/**
 * A core {@link Column} as read from a file, with the first few
 * {@link InvalidValue}s behind its `invalid` count (at most
 * `maxInvalidSamples`, 5 by default).
 */
export type ReadColumn = Column & { readonly invalidSamples: readonly InvalidValue[] };

/** A core {@link Frame} whose columns carry {@link ReadColumn.invalidSamples}. */
export interface ReadFrame extends Frame {
  readonly columns: readonly ReadColumn[];
  /**
   * CSV: the line of the first blank line between rows, which the reader skips (as pandas does). Absent when
   * there is none. In a one-column file such a line is a missing value, so a reader of values by position
   * (`driftwatch detect`) refuses it.
   */
  readonly firstBlankLine?: number;
}
