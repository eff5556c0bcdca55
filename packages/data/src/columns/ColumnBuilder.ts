import type { InvalidValue, ReadColumn } from '../ReadFrame.js';

/**
 * Grows one column of a frame, row by row, from bytes (CSV), text (quoted CSV
 * fields with escapes) or JS values (JSONL, Parquet). Rows are addressed by
 * index so a reader may write a row twice (it retries a row on its slow path).
 * A value that cannot be read as the column's kind is stored as missing and
 * the setter returns `false`; the reader then decides between
 * {@link ColumnBuilder.noteInvalid} and a strict error.
 */
export abstract class ColumnBuilder {
  /** Values that could not be read as the column's kind. */
  invalid = 0;
  /** The first few of them. */
  readonly invalidSamples: InvalidValue[] = [];

  constructor(
    readonly name: string,
    /** 1-based position of the column in the file. */
    readonly fieldNumber: number,
    readonly maxInvalidSamples: number,
  ) {}

  /** The kind of column built. */
  abstract readonly kind: 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'embedding';

  /** Makes room for rows `0 … rows-1`, exactly (the reader chooses how to grow: see {@link grownCapacity}). */
  abstract ensureCapacity(rows: number): void;
  /** Sets `row` from the UTF-8 bytes `buf[start, end)`. */
  abstract setBytes(row: number, buf: Buffer, start: number, end: number): boolean;
  /** Sets `row` from text. */
  abstract setText(row: number, text: string): boolean;
  /** Sets `row` from a JSON or Parquet value (`null`/`undefined` are missing). */
  abstract setValue(row: number, value: unknown): boolean;
  /** Marks `row` missing. */
  abstract setMissing(row: number): void;
  /**
   * Whether {@link build} hands out views of the builder's arrays, never copies: for a batch reader,
   * whose next batch refills the same arrays (its consumer copies what it keeps). Default false.
   */
  views = false;

  /** The finished column of `rows` rows, its arrays trimmed to size (cut with views when {@link views}). */
  abstract build(rows: number): ReadColumn;

  /** Counts an invalid value and keeps it as a sample while there is room. */
  noteInvalid(line: number, column: number, text: string): void {
    this.invalid++;
    if (this.invalidSamples.length < this.maxInvalidSamples) {
      this.invalidSamples.push({ line, column, fieldNumber: this.fieldNumber, field: this.name, text });
    }
  }
}

/** The capacity to grow to for at least `rows` rows: doubling, so appends stay amortised O(1). */
export function grownCapacity(current: number, rows: number): number {
  let c = Math.max(current * 2, 1024);
  while (c < rows) c *= 2;
  return c;
}

/** The text of a JSON or Parquet value for an invalid-value sample. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * `array` cut to `rows` elements. A small excess (a reader's estimate a few
 * percent high) is cut with a view, not a copy, so the column may sit at the
 * start of a slightly larger buffer; a large one is copied to free memory,
 * unless `views` (a batch, whose buffer is refilled).
 */
export function trimmed<T extends Float64Array | Int32Array>(array: T, rows: number, views = false): T {
  if (array.length === rows) return array;
  return (views || array.length - rows <= rows / 8 ? array.subarray(0, rows) : array.slice(0, rows)) as T;
}
