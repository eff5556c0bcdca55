import { open } from 'node:fs/promises';
import { NumberCursor } from '../numbers/NumberCursor.js';

/** 10^0 … 10^15, exact in binary64 (NumberCursor's table goes to 10^22; 15 digits need no more). */
const exactPowersOfTen = new Float64Array(16);
for (let i = 0, p = 1; i < 16; i++, p *= 10) exactPowersOfTen[i] = p;

/** Files up to this size are read whole by {@link readCsvNumberColumn}; larger ones are left to the streaming reader. */
export const numberColumnFileLimit = 256 * 1024 * 1024;

/**
 * Reads one column of plain numbers from a CSV or TSV file in one read and one pass over its bytes,
 * for callers that need a single column in file order (`detect`): no schema inference, no column
 * builders, no chunking. The values are those {@link readCsv} gives the column read as numeric
 * (the same {@link NumberCursor}, so `Number(text)` to the last bit).
 *
 * It answers only for the plain file and otherwise returns `undefined`, so that the caller reads
 * the file with the general reader, which accepts more and reports what is wrong with the file's
 * line and column: a file that is not a regular file or is over {@link numberColumnFileLimit}, a
 * byte-order mark, a quote or a non-ASCII byte in any field it passes over, a header without
 * `column` (or with an empty or repeated name), a blank line, a field count that differs from the
 * header's, a lone CR, or a value of the column that is not a plain number (empty, `NA`, text).
 *
 * @param delimiter the field separator's byte: 44 for CSV, 9 for TSV.
 */
export async function readCsvNumberColumn(file: string, column: string, delimiter: number): Promise<Float64Array | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  let buf: Buffer;
  let size: number;
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > numberColumnFileLimit) return undefined;
    size = stat.size;
    // One spare byte for the sentinel line feed that ends the last line.
    buf = Buffer.allocUnsafe(size + 1);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buf, read, size - read, read);
      if (bytesRead === 0) return undefined;
      read += bytesRead;
    }
  } finally {
    await handle.close();
  }
  buf[size] = 10;
  return parseNumberColumn(buf, size, column, delimiter);
}

/** Parses `buf[0, end)` (with a line feed at `end`) as described on {@link readCsvNumberColumn}. */
function parseNumberColumn(buf: Buffer, end: number, column: string, delimiter: number): Float64Array | undefined {
  const names: string[] = [];
  let p = 0;
  let fieldStart = 0;
  for (;;) {
    const c = buf[p];
    if (c === 34 || c >= 128) return undefined;
    if (c === 13 && buf[p + 1] !== 10) return undefined;
    if (c === delimiter || c === 10 || c === 13) {
      names.push(buf.toString('latin1', fieldStart, p));
      p++;
      if (c === delimiter) {
        fieldStart = p;
        continue;
      }
      if (c === 13) p++;
      break;
    }
    p++;
  }
  if (p >= end) return undefined;
  const target = names.indexOf(column);
  if (target < 0 || new Set(names).size !== names.length || names.some((name) => name.trim() === '')) return undefined;
  const fields = names.length;

  // Sized from the header-to-end bytes and the first line's length, grown by doubling when short.
  const firstLine = buf.indexOf(10, p) - p + 1;
  let values = new Float64Array(Math.max(16, Math.ceil(((end - p) / Math.max(firstLine, 2)) * 1.05)));
  const cursor = new NumberCursor();
  let row = 0;
  while (p < end) {
    let c = buf[p];
    for (let f = 0; f < target; f++) {
      while (c !== delimiter && c !== 10 && c !== 13) {
        if (c === 34 || c >= 128) return undefined;
        c = buf[++p];
      }
      if (c !== delimiter) return undefined;
      c = buf[++p];
    }
    if (row === values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      values = grown;
    }
    // Inline the common value, `[-]digits[.digits]` with at most 15 digits (so the mantissa is an exact
    // integer), by the same Clinger fast path as NumberCursor, bit for bit; anything else goes to the cursor.
    const start = p;
    let negative = false;
    if (c === 45) {
      negative = true;
      c = buf[++p];
    }
    let mantissa = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = buf[++p];
    }
    let decimals = 0;
    if (c === 46) {
      c = buf[++p];
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        decimals++;
        c = buf[++p];
      }
    }
    if (digits + decimals > 0 && digits + decimals <= 15 && (c | 32) !== 101 && (c | 32) !== 105) {
      const value = decimals === 0 || mantissa === 0 ? mantissa : mantissa / exactPowersOfTen[decimals];
      values[row] = negative ? -value : value;
    } else {
      p = cursor.parseInto(buf, start, values, row);
      if (p === start) return undefined;
      c = buf[p];
    }
    for (let f = target + 1; f < fields; f++) {
      if (c !== delimiter) return undefined;
      c = buf[++p];
      while (c !== delimiter && c !== 10 && c !== 13) {
        if (c === 34 || c >= 128) return undefined;
        c = buf[++p];
      }
    }
    if (c === 13) c = buf[++p];
    if (c !== 10) return undefined;
    p++;
    row++;
  }
  return row * 4 < values.length * 3 ? values.slice(0, row) : values.subarray(0, row);
}
