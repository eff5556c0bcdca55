import type { InputError } from '@driftwatch/core';
import { defaultMaxCategories } from '../DataReadOptions.js';
import { inputError } from '../errors/inputError.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import type { ReadColumn } from '../ReadFrame.js';
import { type ByteInterner, hashBytes, missingMarkerInterner } from './ByteInterner.js';
import { ColumnBuilder, trimmed, valueText } from './ColumnBuilder.js';

/** Interner code of a missing value. */
export const missingCode = -1;
/** Interner code of a value that is not valid for the column (a boolean column's `yes`). */
export const invalidCode = -2;

/**
 * Builds a dictionary-encoded column: `categorical` (any text; the dictionary
 * in order of first appearance) or `boolean` (`true`/`false` in any case;
 * dictionary `['false', 'true']`). Codes are `Int32Array`, -1 for missing.
 *
 * Byte strings are interned ({@link ByteInterner}) with the missing markers
 * pre-seeded, so the reader's fast path turns a field into its code with a
 * hash, one probe and a byte comparison, and decodes a string only for a new
 * category.
 */
export class CategoricalBuilder extends ColumnBuilder {
  codes = new Int32Array(0);
  readonly interner: ByteInterner = missingMarkerInterner();
  readonly #dictionary: string[];
  readonly #byText = new Map<string, number>();
  readonly #limit: { readonly file: string; readonly maxCategories: number };
  /** The row being set, for the message of a runaway dictionary. */
  #row = 0;

  constructor(
    name: string,
    fieldNumber: number,
    maxInvalidSamples: number,
    readonly kind: 'categorical' | 'boolean',
    limit: { readonly file: string; readonly maxCategories: number } = { file: '', maxCategories: defaultMaxCategories },
  ) {
    super(name, fieldNumber, maxInvalidSamples);
    this.#dictionary = kind === 'boolean' ? ['false', 'true'] : [];
    this.#limit = limit;
  }

  /** The code of a byte string not yet interned (hash `h`) of row `row`; interns it. */
  internNew(buf: Buffer, start: number, end: number, h: number, row = this.#row): number {
    this.#row = row;
    const code = this.codeOf(buf.toString('utf8', start, end));
    this.interner.add(buf, start, end, h, code);
    return code;
  }

  /** The code of `text`: a dictionary index, {@link missingCode} or {@link invalidCode}. Adds new categories. */
  codeOf(text: string): number {
    if (isMissingMarker(text)) return missingCode;
    if (this.kind === 'boolean') {
      const t = text.toLowerCase();
      return t === 'true' ? 1 : t === 'false' ? 0 : invalidCode;
    }
    let code = this.#byText.get(text);
    if (code === undefined) {
      code = this.#dictionary.length;
      // A JS Map holds at most 2^24 keys: an id-like column would die there after minutes and gigabytes.
      if (code >= this.#limit.maxCategories) throw this.#tooMany();
      this.#dictionary.push(text);
      this.#byText.set(text, code);
    }
    return code;
  }

  ensureCapacity(rows: number): void {
    if (rows <= this.codes.length) return;
    const next = new Int32Array(rows);
    next.set(this.codes);
    this.codes = next;
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    this.#row = row;
    const h = hashBytes(buf, start, end);
    const k = this.interner.find(buf, start, end, h);
    const code = k >= 0 ? this.interner.codes[k] : this.internNew(buf, start, end, h);
    return this.#set(row, code);
  }

  setText(row: number, text: string): boolean {
    this.#row = row;
    return this.#set(row, this.codeOf(text));
  }

  setValue(row: number, value: unknown): boolean {
    if (value === null || value === undefined) return this.#set(row, missingCode);
    if (typeof value === 'string') return this.setText(row, value);
    if (typeof value === 'boolean') return this.#set(row, this.kind === 'boolean' ? Number(value) : this.codeOf(String(value)));
    // A nested JSON value is a category by its JSON text.
    if (this.kind === 'categorical') return this.setText(row, value instanceof Date ? value.toISOString() : valueText(value));
    this.codes[row] = missingCode;
    return false;
  }

  #tooMany(): InputError {
    const { file, maxCategories } = this.#limit;
    return inputError(
      'INPUT_TOO_MANY_CATEGORIES',
      { file, field: this.name },
      `column "${this.name}" has more than ${maxCategories} distinct values by row ${this.#row + 1}, too many to test as ` +
        `categories (an id or free text?): ignore it (--ignore ${this.name}, or role "id" or "ignored" in the schema), ` +
        'read it as text, or raise maxCategories',
    );
  }

  setMissing(row: number): void {
    this.codes[row] = missingCode;
  }

  #set(row: number, code: number): boolean {
    if (code === invalidCode) {
      this.codes[row] = missingCode;
      return false;
    }
    this.codes[row] = code;
    return true;
  }

  build(rows: number): ReadColumn {
    return {
      kind: this.kind,
      name: this.name,
      codes: trimmed(this.codes, rows, this.views),
      dictionary: this.#dictionary.slice(),
      invalid: this.invalid,
      invalidSamples: this.invalidSamples,
    };
  }
}
