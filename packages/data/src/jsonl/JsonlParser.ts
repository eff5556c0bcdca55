import { type ColumnBuilder, grownCapacity } from '../columns/ColumnBuilder.js';
import { inputError } from '../errors/inputError.js';
import { invalidUtf8Error } from '../errors/invalidUtf8Error.js';
import { invalidValueError } from '../errors/invalidValueError.js';
import { listedNames, shortName } from '../errors/shortName.js';
import type { ReadColumn } from '../ReadFrame.js';
import { locateJsonError } from './locateJsonError.js';

/** Makes the builders for the keys of the first object: one per key, `undefined` to skip. */
export type JsonlSetup = (names: readonly string[]) => readonly (ColumnBuilder | undefined)[];

/**
 * Parses JSON Lines: one object per line, blank lines skipped. The keys of
 * the first object are the columns; a later object may omit keys (missing)
 * but not add any (`INPUT_COLUMNS_MISMATCH`). Malformed JSON is
 * `INPUT_BAD_JSON` with the line and column of the first bad character.
 */
export class JsonlParser {
  /** 1-based line of the next line to parse. */
  line = 1;
  rowCount = 0;
  names: readonly string[] = [];
  #builders: readonly (ColumnBuilder | undefined)[] = [];
  #index = new Map<string, number>();
  #capacity = 0;

  constructor(
    readonly file: string,
    private readonly setup: JsonlSetup,
    readonly strict: boolean,
  ) {}

  /** Parses the whole lines of `buf[start, end)`; returns where the first incomplete one starts. */
  parse(buf: Buffer, start: number, end: number, eof: boolean): number {
    let p = start;
    while (p < end) {
      let lf = buf.indexOf(10, p);
      if (lf < 0 || lf >= end) {
        if (!eof) return p;
        lf = end;
      }
      let e = lf;
      if (e > p && buf[e - 1] === 13) e--;
      let blank = true;
      for (let i = p; i < e && blank; i++) {
        const c = buf[i];
        blank = c === 32 || c === 9;
      }
      if (!blank) this.#object(buf.toString('utf8', p, e));
      this.line++;
      p = lf < end ? lf + 1 : end;
    }
    return p;
  }

  /** Makes room for exactly `rows` rows (a reader's estimate). */
  reserve(rows: number): void {
    if (rows <= this.#capacity) return;
    for (const b of this.#builders) b?.ensureCapacity(rows);
    this.#capacity = rows;
  }

  /** Checks the end of the file; returns the finished columns. */
  finish(): ReadColumn[] {
    if (this.names.length === 0) throw inputError('INPUT_EMPTY', { file: this.file }, 'file is empty');
    const columns: ReadColumn[] = [];
    for (const b of this.#builders) if (b) columns.push(b.build(this.rowCount));
    return columns;
  }

  /** The error for invalid UTF-8 at `at`, when `buf[start, at)` holds no whole line. */
  invalidUtf8(buf: Buffer, start: number, at: number): Error {
    return invalidUtf8Error(this.file, buf, start, at, this.line);
  }

  #object(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const problem = locateJsonError(text);
      const column = columnOf(text, problem.offset);
      throw inputError('INPUT_BAD_JSON', { file: this.file, line: this.line, column }, `invalid JSON: ${problem.message}`, error);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
      throw inputError(
        'INPUT_BAD_JSON',
        { file: this.file, line: this.line, column: columnOf(text, text.search(/\S/)) },
        `expected a JSON object, found ${found}`,
      );
    }
    const object = value as Record<string, unknown>;
    if (this.names.length === 0) this.#columns(object);
    for (const key in object) {
      if (!this.#index.has(key)) {
        throw inputError(
          'INPUT_COLUMNS_MISMATCH',
          { file: this.file, line: this.line, column: keyColumn(text, key), field: key },
          `unexpected key ${shortName(key)} (the columns are the first object's keys: ${listedNames(this.names)})`,
        );
      }
    }
    const row = this.rowCount;
    if (row >= this.#capacity) this.reserve(grownCapacity(this.#capacity, row + 1));
    const names = this.names;
    const builders = this.#builders;
    for (let f = 0; f < names.length; f++) {
      const b = builders[f];
      if (!b) continue;
      const v = object[names[f]];
      if (!b.setValue(row, v)) this.#invalid(b, text, names[f], v);
    }
    this.rowCount = row + 1;
  }

  #columns(first: Record<string, unknown>): void {
    const names = Object.keys(first);
    if (names.length === 0)
      throw inputError('INPUT_BAD_JSON', { file: this.file, line: this.line }, 'the first object has no keys, so there are no columns');
    this.names = names;
    this.#index = new Map(names.map((n, i) => [n, i]));
    this.#builders = this.setup(names);
    this.reserve(1024);
  }

  #invalid(b: ColumnBuilder, text: string, key: string, value: unknown): void {
    const column = keyColumn(text, key) ?? 1;
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    if (this.strict) {
      throw invalidValueError({ file: this.file, line: this.line, column }, b, shown);
    }
    b.noteInvalid(this.line, column, shown);
  }
}

/** The 1-based character column of UTF-16 offset `offset` in `text`. */
function columnOf(text: string, offset: number): number {
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) column++;
  }
  return column;
}

/** The column where `"key"` is written in `text`, when it is written plainly. */
function keyColumn(text: string, key: string): number | undefined {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? undefined : columnOf(text, at);
}
