/** Field flag: the field was quoted. */
export const quotedField = 1;
/** Field flag: the quoted field contains doubled quotes (`""`) to unescape. */
export const escapedField = 2;
/** Field flag: text follows the closing quote (`"ab"cd` reads `abcd`, as Python's csv and pandas do). */
export const trailingField = 4;

/** {@link CsvTokenizer.next}: the record is cut by the end of the data read so far. */
export const incompleteRecord = -1;
/** {@link CsvTokenizer.next}: a quote opened at {@link CsvTokenizer.unclosedAt} is never closed before the end of the file. */
export const unclosedRecord = -2;

/**
 * Splits one RFC 4180 record into field offsets. The general (slow) path of the
 * CSV reader, and the reader of headers and inference samples: it handles
 * quoted fields with delimiters, line breaks and doubled quotes, CRLF and LF,
 * and a last record without a line break. A quote opens a quoted field only
 * as the field's first byte; elsewhere it is text. A lone CR is text.
 */
export class CsvTokenizer {
  /** Start of each field's content (after an opening quote). */
  starts = new Int32Array(64);
  /** End of each field's content (the closing quote, or the end of the trailing text). */
  ends = new Int32Array(64);
  /** Offset of the closing quote of fields with {@link trailingField}. */
  quoteEnds = new Int32Array(64);
  flags = new Uint8Array(64);
  /** Fields in the last record. */
  count = 0;
  /** Line feeds consumed by the last record, its terminator included. */
  lineFeeds = 0;
  /** Offset of the quote left open, after {@link unclosedRecord}. */
  unclosedAt = -1;

  constructor(readonly delimiter: number) {}

  /**
   * Tokenizes the record starting at `p` in `buf[…, end)`. Returns the offset
   * after its terminator, {@link incompleteRecord} when more bytes are needed
   * (never when `eof`), or {@link unclosedRecord}.
   */
  next(buf: Uint8Array, p: number, end: number, eof: boolean): number {
    const delimiter = this.delimiter;
    let count = 0;
    let lineFeeds = 0;
    for (;;) {
      if (count === this.starts.length) this.#grow();
      let flags = 0;
      if (p < end && buf[p] === 34) {
        const open = p;
        flags = quotedField;
        p++;
        const start = p;
        let close = -1;
        while (p < end) {
          const c = buf[p];
          if (c === 34) {
            if (p + 1 < end) {
              if (buf[p + 1] === 34) {
                flags |= escapedField;
                p += 2;
                continue;
              }
            } else if (!eof) return incompleteRecord;
            close = p;
            p++;
            break;
          }
          if (c === 10) lineFeeds++;
          p++;
        }
        if (close < 0) {
          if (!eof) return incompleteRecord;
          this.unclosedAt = open;
          this.lineFeeds = lineFeeds;
          return unclosedRecord;
        }
        let fieldEnd = close;
        if (p < end) {
          const c = buf[p];
          if (c !== delimiter && c !== 10 && !(c === 13 && isLineEnd(buf, p, end, eof))) {
            if (c === 13 && p + 1 >= end && !eof) return incompleteRecord;
            flags |= trailingField;
            this.quoteEnds[count] = close;
            p = scanUnquoted(buf, p, end, eof, delimiter);
            if (p < 0) return incompleteRecord;
            fieldEnd = p;
          }
        } else if (!eof) return incompleteRecord;
        this.starts[count] = start;
        this.ends[count] = fieldEnd;
        this.flags[count] = flags;
        count++;
      } else {
        const start = p;
        p = scanUnquoted(buf, p, end, eof, delimiter);
        if (p < 0) return incompleteRecord;
        this.starts[count] = start;
        this.ends[count] = p;
        this.flags[count] = 0;
        count++;
      }
      this.count = count;
      if (p >= end) {
        this.lineFeeds = lineFeeds;
        return end;
      }
      const c = buf[p];
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c === 13) p++;
      if (p < end && buf[p] === 10) {
        lineFeeds++;
        p++;
      }
      this.lineFeeds = lineFeeds;
      return p;
    }
  }

  #grow(): void {
    const n = this.starts.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.quoteEnds = grow(this.quoteEnds);
    const flags = new Uint8Array(n);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** Whether the CR at `p` ends a line: followed by LF, or the last byte of the file. */
function isLineEnd(buf: Uint8Array, p: number, end: number, eof: boolean): boolean {
  return p + 1 < end ? buf[p + 1] === 10 : eof;
}

/** The end of an unquoted field starting at `p` (a delimiter, LF, CRLF, or the end of the file), or -1 if cut. */
function scanUnquoted(buf: Uint8Array, p: number, end: number, eof: boolean, delimiter: number): number {
  while (p < end) {
    const c = buf[p];
    if (c === delimiter || c === 10) return p;
    if (c === 13) {
      if (p + 1 < end) {
        if (buf[p + 1] === 10) return p;
      } else return eof ? p : -1;
    }
    p++;
  }
  return eof ? p : -1;
}
