import { decodeScaled, scaledNumericColumn } from '@driftwatch/core';
import { isMissingMarker } from '../missing/missingMarkers.js';
import { NumberCursor } from '../numbers/NumberCursor.js';
import { parseNumberText } from '../numbers/parseNumberText.js';
import type { ReadColumn } from '../ReadFrame.js';
import { ColumnBuilder, trimmed } from './ColumnBuilder.js';

/**
 * Builds a numeric column: a `Float64Array`, `NaN` for missing, ±Infinity kept.
 * Readers write `values[row]` directly on their fast path.
 */
export class NumericBuilder extends ColumnBuilder {
  readonly kind = 'numeric';
  values = new Float64Array(0);
  /**
   * While the column is stored as scaled decimals (see {@link storeScaled}): each value × 10^{@link scale},
   * every one finite. Empty once the column is stored as doubles.
   */
  ints = new Int32Array(0);
  /** Digits after the point of {@link ints}; -1 when the column is stored as doubles in {@link values}. */
  scale = -1;
  /**
   * False once a missing or infinite value was stored (by a setter, or by a reader's fast path, which
   * clears it itself): the built column is then not marked `finite`.
   */
  allFinite = true;
  readonly #cursor = new NumberCursor();

  /**
   * Stores the column as scaled decimals (4 bytes a value) until a value does not fit: a missing
   * value, an infinity, an exponent, −0, more than 9 digits after the point, or a magnitude beyond
   * int32 at the scale. The scale grows with the digits seen after the point (the integers so far
   * multiplied up) while they still fit; otherwise the column turns to doubles, the integers decoded
   * into them. Call before the first row; a reader's fast path then writes {@link ints} through
   * `NumberCursor.parseScaledInto` and calls {@link admit} when it refuses a value.
   */
  storeScaled(): void {
    if (this.values.length > 0 || this.ints.length > 0) throw new Error('storeScaled() must come before the first row');
    this.scale = 0;
  }

  /**
   * After `parseScaledInto` refused the field at `buf[start]` (its `fitsAtScale` in `cursor`): raises
   * the scale when the number fits a larger one and the integers so far still fit it, else turns the
   * column to doubles. Rows `0 … rows-1` are kept either way. True when the column is still scaled.
   */
  admit(cursor: NumberCursor, rows: number): boolean {
    const want = cursor.fitsAtScale;
    if (want > this.scale && this.#rescale(want, rows)) return true;
    this.#toDoubles(rows);
    return false;
  }

  ensureCapacity(rows: number): void {
    if (this.scale >= 0) {
      if (rows <= this.ints.length) return;
      const next = new Int32Array(rows);
      next.set(this.ints);
      this.ints = next;
      return;
    }
    if (rows <= this.values.length) return;
    const next = new Float64Array(rows);
    next.set(this.values);
    this.values = next;
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    if (this.scale >= 0) {
      for (;;) {
        const q = this.#cursor.parseScaledInto(buf, start, this.ints, row, this.scale);
        if (q === end) return true;
        // A number followed by more text, or one no scale takes: the doubles' path reads (or refuses) it.
        if (q >= 0 || !this.admit(this.#cursor, row)) {
          this.#toDoubles(row);
          break;
        }
      }
    }
    if (start === end) {
      this.setMissing(row);
      return true;
    }
    const x = this.#cursor.parse(buf, start);
    if (this.#cursor.end === end) {
      this.#store(row, x);
      return true;
    }
    return this.setText(row, buf.toString('utf8', start, end));
  }

  setText(row: number, text: string): boolean {
    if (isMissingMarker(text)) {
      this.setMissing(row);
      return true;
    }
    const x = parseNumberText(text);
    this.#store(row, x ?? Number.NaN);
    return x !== undefined;
  }

  setValue(row: number, value: unknown): boolean {
    if (typeof value === 'number') {
      this.#store(row, value);
      return true;
    }
    if (value === null || value === undefined) {
      this.setMissing(row);
      return true;
    }
    if (typeof value === 'string') return this.setText(row, value);
    if (typeof value === 'bigint') {
      this.#store(row, Number(value));
      return true;
    }
    this.setMissing(row);
    return false;
  }

  setMissing(row: number): void {
    if (this.scale >= 0) this.#toDoubles(row);
    this.values[row] = Number.NaN;
    this.allFinite = false;
  }

  #store(row: number, x: number): void {
    if (this.scale >= 0) this.#toDoubles(row);
    this.values[row] = x;
    if (x - x !== 0) this.allFinite = false; // NaN and ±Infinity
  }

  /** Multiplies rows `0 … rows-1` up to `scale`; false, changing nothing, when one would pass int32. */
  #rescale(scale: number, rows: number): boolean {
    const ints = this.ints;
    let max = 0;
    for (let i = 0; i < rows; i++) {
      const v = ints[i] as number;
      if (v > max) max = v;
      else if (-v > max) max = -v;
    }
    let factor = 1;
    for (let k = this.scale; k < scale; k++) factor *= 10;
    if (max * factor > 2147483647) return false;
    for (let i = 0; i < rows; i++) ints[i] = (ints[i] as number) * factor;
    this.scale = scale;
    return true;
  }

  /** Turns the column to doubles: rows `0 … rows-1` decoded from the integers, as long as they were. */
  #toDoubles(rows: number): void {
    if (this.scale < 0) return;
    const values = new Float64Array(this.ints.length);
    decodeScaled({ ints: this.ints.subarray(0, rows), scale: this.scale }, values);
    this.values = values;
    this.ints = new Int32Array(0);
    this.scale = -1;
  }

  build(rows: number): ReadColumn {
    const fields = {
      kind: 'numeric' as const,
      name: this.name,
      invalid: this.invalid,
      invalidSamples: this.invalidSamples,
    };
    if (this.scale >= 0)
      return scaledNumericColumn({ ...fields, finite: true }, { ints: trimmed(this.ints, rows, this.views), scale: this.scale });
    return { ...fields, values: trimmed(this.values, rows, this.views), ...(this.allFinite ? { finite: true } : {}) };
  }
}
