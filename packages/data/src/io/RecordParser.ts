import type { ColumnBuilder } from '../columns/ColumnBuilder.js';
import type { ReadColumn } from '../ReadFrame.js';

/** Makes the column builders once the parser knows the column names, in file order (`undefined`: skip the column). */
export type ColumnsSetup = (names: readonly string[]) => readonly (ColumnBuilder | undefined)[];

/** A streaming parser of one text format (CSV, JSON Lines) into column builders. */
export interface RecordParser {
  /** Rows parsed into the builders; a batch reader takes them (`finish`) and sets this back to 0 to reuse the builders. */
  rowCount: number;
  /** Line of the first blank line between rows (CSV), 0 or absent for none. */
  readonly firstBlankLine?: number;
  /** Parses whole records of `buf[start, end)`; returns where the first incomplete one starts (`end` when `eof`). */
  parse(buf: Buffer, start: number, end: number, eof: boolean): number;
  /** The error for the invalid UTF-8 byte at `at`, located by line and column. */
  invalidUtf8(buf: Buffer, start: number, at: number): Error;
  /** Grows the column builders to hold `rows` rows. */
  reserve(rows: number): void;
  /** The built columns; throws when the file has no rows. */
  finish(): ReadColumn[];
}
