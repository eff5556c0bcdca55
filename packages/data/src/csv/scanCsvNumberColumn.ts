import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { NumberCursor } from '../numbers/NumberCursor.js';

/** Bytes read per block by {@link scanCsvNumberColumn} unless told otherwise: the block and its values stay in a core's L2 cache. */
export const numberColumnBlockBytes = 64 * 1024;

/**
 * Bytes of whole lines the row parsers take per call. Each call then returns soon, so V8 optimizes
 * a parser as a whole function once it has seen it return; a first call over a whole block would be
 * compiled on the stack mid-loop, and the next call would run in the interpreter until the whole
 * function is compiled (11 ms of the second 64 KiB block of the bench file).
 */
const pieceBytes = 8 * 1024;

/**
 * Receives the values of one block of rows: `values[0, count)` are rows `firstRow …
 * firstRow + count − 1` (0-based, header excluded). `values` is reused for the next block.
 */
export type NumberBlockHandler = (values: Float64Array, count: number, firstRow: number) => void;

/** Options of {@link scanCsvNumberColumn}. */
export interface ScanNumberColumnOptions {
  /** Bytes read at a time (≥ 16; default {@link numberColumnBlockBytes}); a longer line grows the buffer. */
  readonly blockBytes?: number;
}

/**
 * Reads one column of plain numbers from a CSV or TSV file front to back in fixed-size blocks
 * (synchronous reads into one reused buffer, one pass over the bytes, values parsed straight into
 * one reused `Float64Array`) and hands each block's values to `onBlock` in file order: for callers
 * that consume a single column as a stream (`detect`), with no schema inference, no column
 * builders and no copy of the file or of the column in memory. The values are those
 * {@link readCsv} gives the column read as numeric (the same {@link NumberCursor}, so
 * `Number(text)` to the last bit).
 *
 * It answers only for the plain file and returns `false` otherwise, so that the caller reads the
 * file with the general reader, which accepts more and reports what is wrong with the file's line
 * and column: a file that cannot be opened or is not a regular file, a byte-order mark, a quote or
 * a non-ASCII byte in any field it passes over, a header without `column` (or with an empty or
 * repeated name), a blank line, a field count that differs from the header's, a lone CR, a value
 * of the column that is not a plain number (empty, `NA`, text), or no row at all. `onBlock` may
 * have been called for the blocks before the one where that showed: a caller that acts on the
 * values must be ready to discard what it did when the answer is `false`. An exception thrown by
 * `onBlock` ends the scan and propagates.
 *
 * @param delimiter the field separator's byte: 44 for CSV, 9 for TSV.
 * @returns `true` when the whole file was plain and every row was handed over.
 */
export function scanCsvNumberColumn(
  file: string,
  column: string,
  delimiter: number,
  onBlock: NumberBlockHandler,
  options: ScanNumberColumnOptions = {},
): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    if (!fstatSync(fd).isFile()) return false;
    return scanOpen(fd, column, delimiter, onBlock, Math.max(16, options.blockBytes ?? numberColumnBlockBytes));
  } finally {
    closeSync(fd);
  }
}

function scanOpen(fd: number, column: string, delimiter: number, onBlock: NumberBlockHandler, blockBytes: number): boolean {
  // One spare byte for the sentinel line feed that ends a last line without one.
  let buf = Buffer.allocUnsafe(blockBytes + 1);
  // Every row takes at least two bytes (a digit and a line feed).
  let values = new Float64Array((blockBytes >> 1) + 1);
  const layout = new RowLayout(delimiter);
  let carry = 0;
  let row = 0;
  let eof = false;
  while (!eof) {
    if (carry === buf.length - 1) {
      // A line longer than the buffer: grow it, keep what was read.
      const grown = Buffer.allocUnsafe(2 * (buf.length - 1) + 1);
      buf.copy(grown, 0, 0, carry);
      buf = grown;
      values = new Float64Array(((buf.length - 1) >> 1) + 1);
    }
    const read = readSync(fd, buf, carry, buf.length - 1 - carry, null);
    let limit = carry + read;
    let end: number;
    if (read === 0) {
      eof = true;
      if (carry === 0) break;
      buf[limit] = 10;
      end = limit + 1;
      limit = end;
    } else {
      end = buf.lastIndexOf(10, limit - 1) + 1;
      if (end === 0) {
        carry = limit;
        continue;
      }
    }
    let p = 0;
    if (layout.fields === 0) {
      p = layout.parseHeader(buf, column);
      if (p < 0) return false;
    }
    if (p < end) {
      let count = 0;
      while (p < end) {
        // Whole lines, about `pieceBytes` of them: see there.
        const stop = p + pieceBytes < end ? buf.indexOf(10, p + pieceBytes) + 1 : end;
        count =
          layout.fields === 1
            ? parseSingleColumnRows(buf, p, stop, values, count, layout.cursor)
            : parseRows(buf, p, stop, values, count, layout);
        if (count < 0) return false;
        p = stop;
      }
      onBlock(values, count, row);
      row += count;
    }
    carry = limit - end;
    buf.copyWithin(0, end, limit);
  }
  return layout.fields > 0 && row > 0;
}

/** The header's field count, the column's index and the number parser of the rows below it. */
class RowLayout {
  fields = 0;
  target = -1;
  readonly cursor = new NumberCursor();

  constructor(readonly delimiter: number) {}

  /** Reads the header line at the start of `buf` (which holds a line feed); the first row's position, or −1 when not plain. */
  parseHeader(buf: Buffer, column: string): number {
    const names: string[] = [];
    let p = 0;
    let fieldStart = 0;
    for (;;) {
      const c = buf[p];
      if (c === 34 || c >= 128) return -1;
      if (c === 13 && buf[p + 1] !== 10) return -1;
      if (c === this.delimiter || c === 10 || c === 13) {
        names.push(buf.toString('latin1', fieldStart, p));
        p++;
        if (c === this.delimiter) {
          fieldStart = p;
          continue;
        }
        if (c === 13) p++;
        break;
      }
      p++;
    }
    this.target = names.indexOf(column);
    if (this.target < 0 || new Set(names).size !== names.length || names.some((name) => name.trim() === '')) return -1;
    this.fields = names.length;
    return p;
  }
}

/**
 * Rows of a one-column file in `buf[p, end)` (whole lines) into `values` from `row`; the count of
 * values then in `values`, or −1 when a line is not plain. Kept apart from {@link parseRows} and
 * small: a one-shot command runs it once, and a small loop reaches optimized code after fewer bytes.
 * A one-digit line is stored directly; any other goes to {@link parseValue}.
 */
function parseSingleColumnRows(buf: Buffer, p: number, end: number, values: Float64Array, row: number, cursor: NumberCursor): number {
  while (p < end) {
    // A one-digit line (0/1 errors): the value the common line below gives, with fewer branches;
    // a longer line fails the first test.
    const digit = buf[p] - 48;
    if (buf[p + 1] === 10 && digit >>> 0 < 10) {
      values[row++] = digit;
      p += 2;
      continue;
    }
    p = parseValue(buf, p, values, row, cursor);
    if (p < 0) return -1;
    let c = buf[p];
    if (c === 13) c = buf[++p];
    if (c !== 10) return -1;
    p++;
    row++;
  }
  return row;
}

/** Rows of any other file in `buf[p, end)` (whole lines) into `values` from `row`; the count of values then in `values`, or −1 when a line is not plain. */
function parseRows(buf: Buffer, p: number, end: number, values: Float64Array, row: number, layout: RowLayout): number {
  const { delimiter, fields, target, cursor } = layout;
  while (p < end) {
    let c = buf[p];
    for (let f = 0; f < target; f++) {
      while (c !== delimiter && c !== 10 && c !== 13) {
        if (c === 34 || c >= 128) return -1;
        c = buf[++p];
      }
      if (c !== delimiter) return -1;
      c = buf[++p];
    }
    p = parseValue(buf, p, values, row, cursor);
    if (p < 0) return -1;
    c = buf[p];
    for (let f = target + 1; f < fields; f++) {
      if (c !== delimiter) return -1;
      c = buf[++p];
      while (c !== delimiter && c !== 10 && c !== 13) {
        if (c === 34 || c >= 128) return -1;
        c = buf[++p];
      }
    }
    if (c === 13) c = buf[++p];
    if (c !== 10) return -1;
    p++;
    row++;
  }
  return row;
}

/**
 * Parses the number at `buf[p]` into `values[row]`; the position after it, or −1 when there is
 * none. `NumberCursor.parseInto`'s common case (int32 digit sums, one exact division) is small
 * enough for V8 to inline here.
 */
function parseValue(buf: Buffer, p: number, values: Float64Array, row: number, cursor: NumberCursor): number {
  const end = cursor.parseInto(buf, p, values, row);
  return end === p ? -1 : end;
}
