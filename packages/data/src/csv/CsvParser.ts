import { fnvOffset, fnvPrime, missingMarkerInterner } from '../columns/ByteInterner.js';
import { type CategoricalBuilder, invalidCode } from '../columns/CategoricalBuilder.js';
import { type ColumnBuilder, grownCapacity } from '../columns/ColumnBuilder.js';
import type { NumericBuilder } from '../columns/NumericBuilder.js';
import { inputError } from '../errors/inputError.js';
import { invalidUtf8Error } from '../errors/invalidUtf8Error.js';
import { invalidValueError } from '../errors/invalidValueError.js';
import { locate } from '../io/locate.js';
import { NumberCursor } from '../numbers/NumberCursor.js';
import type { ReadColumn } from '../ReadFrame.js';
import { CsvTokenizer, escapedField, incompleteRecord, quotedField, trailingField, unclosedRecord } from './CsvTokenizer.js';
import { fieldText } from './fieldText.js';
import { headerNames, isBlankRecord } from './headerNames.js';
import { textAfterQuote } from './textAfterQuote.js';

const skipKind = 0;
const numericKind = 1;
const categoricalKind = 2;
const otherKind = 3;
/** A numeric column stored as scaled decimals (`NumericBuilder.storeScaled`) until a value does not fit. */
const scaledKind = 4;

/** Makes the builders for a header: one per field, `undefined` for a field to skip. */
export type BuilderSetup = (names: readonly string[], headerLine: number) => readonly (ColumnBuilder | undefined)[];

/**
 * Parses CSV bytes into column builders, record by record.
 *
 * The fast path handles the common record in one pass over its bytes: no
 * quotes, every numeric field a plain number (parsed from the bytes, never a
 * string), empty or a missing marker, every categorical field hashed while
 * scanning and found in its interner. Anything else — a quote, a value that
 * is not valid, a wrong field count, a record cut by the end of the chunk —
 * abandons the record and hands it to the general path ({@link CsvTokenizer}
 * then the builders' setters), which rewrites the same row and reports errors
 * precisely. Rows are written by index, so the retry is harmless.
 */
export class CsvParser {
  /** 1-based line of the next record. */
  line = 1;
  rowCount = 0;
  /** Line of the header, 0 until it is read. */
  headerLine = 0;
  names: readonly string[] = [];
  readonly #tok: CsvTokenizer;
  readonly #cursor = new NumberCursor();
  #builders: readonly (ColumnBuilder | undefined)[] = [];
  #kinds = new Uint8Array(0);
  #capacity = 0;
  readonly #missing = missingMarkerInterner();
  /** Line of the first blank line since the last row, 0 for none. */
  #pendingBlank = 0;
  /**
   * Line of the first blank line between two rows (or the header and a row), 0 for none: skipped as pandas
   * does, but in a file of one column it is where a value is missing, which callers that go by position
   * (`detect`) must not skip silently.
   */
  firstBlankLine = 0;

  constructor(
    readonly file: string,
    readonly delimiter: number,
    private readonly setup: BuilderSetup,
    readonly strict: boolean,
  ) {
    this.#tok = new CsvTokenizer(delimiter);
  }

  /** Makes room for exactly `rows` rows in every builder (a reader's estimate of the total). */
  reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    for (const b of this.#builders) b?.ensureCapacity(rows);
    this.#capacity = rows;
  }

  /**
   * Parses the whole records in `buf[start, end)` and returns where the first
   * incomplete one starts (`end` when `eof`). `buf` needs one spare byte at
   * `end`: a line feed is put there while parsing (a sentinel that stops the
   * fast path's scans without bounds checks), then the byte is restored.
   */
  parse(buf: Buffer, start: number, end: number, eof: boolean): number {
    const saved = buf[end];
    buf[end] = 10;
    try {
      return this.#parseRecords(buf, start, end, eof);
    } finally {
      buf[end] = saved;
      // The fast path's numbers come from one cursor: an infinity among them marks every numeric column.
      if (this.#cursor.sawInfinity) {
        this.#cursor.sawInfinity = false;
        for (const b of this.#builders) if (b?.kind === 'numeric') (b as NumericBuilder).allFinite = false;
      }
    }
  }

  #parseRecords(buf: Buffer, start: number, end: number, eof: boolean): number {
    let p = start;
    if (this.headerLine === 0) {
      p = this.#parseHeader(buf, p, end, eof);
      if (this.headerLine === 0) return p;
    }
    const n = this.#kinds.length;
    const kinds = this.#kinds;
    const builders = this.#builders;
    const delimiter = this.delimiter;
    const cursor = this.#cursor;
    const missing = this.#missing;
    let row = this.rowCount;
    while (p < end) {
      const recordStart = p;
      let c = buf[p];
      if (c === 10) {
        if (this.#pendingBlank === 0) this.#pendingBlank = this.line;
        this.line++;
        p++;
        continue;
      }
      if (row >= this.#capacity) this.reserve(grownCapacity(this.#capacity, row + 1));
      let fast = true;
      for (let f = 0; f < n; f++) {
        let kind = kinds[f];
        if (kind === scaledKind) {
          const b = builders[f] as NumericBuilder;
          let q = cursor.parseScaledInto(buf, p, b.ints, row, b.scale);
          if (q < 0) {
            // A quoted field, or one cut by the chunk's end (read again, whole, later), goes to the general path.
            c = buf[p];
            let e = p;
            while (c !== delimiter && c !== 10 && c !== 13 && c !== 34) c = buf[++e];
            if (c === 34 || e >= end) {
              fast = false;
              break;
            }
            // Refused: a larger scale takes it (then it is read again), or the column turns to doubles.
            while (q < 0 && b.admit(cursor, row)) q = cursor.parseScaledInto(buf, p, b.ints, row, b.scale);
          }
          if (q >= 0) p = q;
          else kind = kinds[f] = numericKind;
        }
        if (kind === scaledKind) {
          // Read above.
        } else if (kind === numericKind) {
          const values = (builders[f] as NumericBuilder).values;
          let q = cursor.parseInto(buf, p, values, row);
          if (q === p) {
            c = buf[p];
            if (c !== delimiter && c !== 10 && c !== 13) {
              // Not a plain number: a missing marker such as NA, or the slow path.
              if (c === 34) {
                fast = false;
                break;
              }
              let h = fnvOffset;
              while (c !== delimiter && c !== 10 && c !== 13) {
                h = Math.imul(h ^ c, fnvPrime);
                c = buf[++q];
              }
              if (missing.find(buf, p, q, h) < 0) {
                fast = false;
                break;
              }
            }
            values[row] = Number.NaN;
            // At the sentinel the record is cut by the chunk's end: it is read again, whole, later.
            if (p < end) (builders[f] as NumericBuilder).allFinite = false;
          }
          p = q;
        } else if (kind === categoricalKind) {
          c = buf[p];
          let s = p;
          let q = p;
          let h = fnvOffset;
          if (c === 34) {
            // A quoted label without escapes or line breaks (R's write.csv quotes every string).
            s = q = p + 1;
            c = buf[q];
            while (c !== 34 && c !== 10) {
              h = Math.imul(h ^ c, fnvPrime);
              c = buf[++q];
            }
            if (c !== 34 || buf[q + 1] === 34) {
              fast = false;
              break;
            }
            p = q + 1;
          } else {
            while (c !== delimiter && c !== 10 && c !== 13) {
              h = Math.imul(h ^ c, fnvPrime);
              c = buf[++q];
            }
            p = q;
          }
          if (q >= end) {
            // Cut by the end of the chunk: do not intern a partial label.
            fast = false;
            break;
          }
          const b = builders[f] as CategoricalBuilder;
          const k = b.interner.find(buf, s, q, h);
          const code = k >= 0 ? b.interner.codes[k] : b.internNew(buf, s, q, h, row);
          if (code === invalidCode) {
            fast = false;
            break;
          }
          b.codes[row] = code;
        } else {
          c = buf[p];
          if (c === 34) {
            fast = false;
            break;
          }
          let q = p;
          while (c !== delimiter && c !== 10 && c !== 13) c = buf[++q];
          if (kind === otherKind && !(builders[f] as ColumnBuilder).setBytes(row, buf, p, q)) {
            fast = false;
            break;
          }
          p = q;
        }
        c = buf[p];
        if (f < n - 1) {
          if (c !== delimiter) {
            fast = false;
            break;
          }
          p++;
        } else {
          if (c === 13) c = buf[++p];
          // p === end is the sentinel: the record may go on in the next chunk.
          if (c !== 10 || p >= end) {
            fast = false;
            break;
          }
          p++;
        }
      }
      if (fast) {
        if (this.#pendingBlank !== 0) this.#blankBetweenRows();
        row++;
        this.line++;
        continue;
      }
      this.rowCount = row;
      const next = this.#general(buf, recordStart, end, eof);
      if (next < 0) return recordStart;
      row = this.rowCount;
      p = next;
    }
    this.rowCount = row;
    return p;
  }

  /** Checks the end of the file; returns the finished columns. */
  finish(): ReadColumn[] {
    if (this.headerLine === 0) throw inputError('INPUT_EMPTY', { file: this.file }, 'file is empty');
    if (this.rowCount === 0) throw inputError('INPUT_NO_ROWS', { file: this.file, line: this.headerLine }, 'header but no data rows');
    const columns: ReadColumn[] = [];
    for (const b of this.#builders) if (b) columns.push(b.build(this.rowCount));
    return columns;
  }

  /** The error for invalid UTF-8 at `at`, when `buf[start, at)` holds no whole record. */
  invalidUtf8(buf: Buffer, start: number, at: number): Error {
    return invalidUtf8Error(this.file, buf, start, at, this.line);
  }

  #parseHeader(buf: Buffer, p: number, end: number, eof: boolean): number {
    const tok = this.#tok;
    while (p < end) {
      const next = tok.next(buf, p, end, eof);
      if (next === incompleteRecord) return p;
      if (next === unclosedRecord) throw this.#unclosed(buf, p);
      if (isBlankRecord(buf, tok)) {
        this.line += tok.lineFeeds;
        p = next;
        continue;
      }
      this.names = headerNames(buf, tok, this.file, p, this.line);
      this.headerLine = this.line;
      this.line += tok.lineFeeds;
      this.#builders = this.setup(this.names, this.headerLine);
      for (const b of this.#builders) if (b?.kind === 'numeric') (b as NumericBuilder).storeScaled();
      this.#kinds = new Uint8Array(this.#builders.map(kindCode));
      this.reserve(1024);
      return next;
    }
    return p;
  }

  /** The general path: one record at `p`; returns the offset after it, or -1 when it is incomplete. */
  #general(buf: Buffer, p: number, end: number, eof: boolean): number {
    const tok = this.#tok;
    const next = tok.next(buf, p, end, eof);
    if (next === incompleteRecord) return -1;
    if (next === unclosedRecord) throw this.#unclosed(buf, p);
    if (isBlankRecord(buf, tok)) {
      if (this.#pendingBlank === 0) this.#pendingBlank = this.line;
      this.line += tok.lineFeeds;
      return next;
    }
    if (this.#pendingBlank !== 0) this.#blankBetweenRows();
    const n = this.#kinds.length;
    if (tok.count !== n) {
      throw inputError('INPUT_FIELD_COUNT', { file: this.file, line: this.line }, `expected ${n} fields, found ${tok.count}`);
    }
    const row = this.rowCount;
    if (row >= this.#capacity) this.reserve(grownCapacity(this.#capacity, row + 1));
    for (let i = 0; i < n; i++) if ((tok.flags[i] & trailingField) !== 0) throw textAfterQuote(buf, tok, i, this.file, p, this.line);
    for (let i = 0; i < n; i++) {
      const b = this.#builders[i];
      if (!b) continue;
      const flags = tok.flags[i];
      const ok =
        (flags & (escapedField | trailingField)) !== 0
          ? b.setText(row, fieldText(buf, tok, i))
          : b.setBytes(row, buf, tok.starts[i], tok.ends[i]);
      if (!ok) this.#invalid(b, buf, i, p);
      // A scaled column that took a value only as doubles is read as doubles from now on.
      if (this.#kinds[i] === scaledKind && (b as NumericBuilder).scale < 0) this.#kinds[i] = numericKind;
    }
    this.rowCount = row + 1;
    this.line += tok.lineFeeds;
    return next;
  }

  #blankBetweenRows(): void {
    if (this.firstBlankLine === 0) this.firstBlankLine = this.#pendingBlank;
    this.#pendingBlank = 0;
  }

  #invalid(b: ColumnBuilder, buf: Buffer, i: number, recordStart: number): void {
    const tok = this.#tok;
    const at = (tok.flags[i] & quotedField) !== 0 ? tok.starts[i] - 1 : tok.starts[i];
    const { line, column } = locate(buf, recordStart, at, this.line);
    const text = fieldText(buf, tok, i);
    if (this.strict) {
      throw invalidValueError({ file: this.file, line, column }, b, text);
    }
    b.noteInvalid(line, column, text);
  }

  #unclosed(buf: Buffer, recordStart: number): Error {
    const { line, column } = locate(buf, recordStart, this.#tok.unclosedAt, this.line);
    return inputError(
      'INPUT_UNCLOSED_QUOTE',
      { file: this.file, line, column },
      `unclosed quote (opened at line ${line}, column ${column})`,
    );
  }
}

function kindCode(b: ColumnBuilder | undefined): number {
  if (!b) return skipKind;
  if (b.kind === 'numeric') return (b as NumericBuilder).scale >= 0 ? scaledKind : numericKind;
  if (b.kind === 'categorical' || b.kind === 'boolean') return categoricalKind;
  return otherKind;
}
