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
   * False once a missing or infinite value was stored (by a setter, or by a reader's fast path, which
   * clears it itself): the built column is then not marked `finite`.
   */
  allFinite = true;
  readonly #cursor = new NumberCursor();

  ensureCapacity(rows: number): void {
    if (rows <= this.values.length) return;
    const next = new Float64Array(rows);
    next.set(this.values);
    this.values = next;
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
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
    this.values[row] = Number.NaN;
    this.allFinite = false;
  }

  #store(row: number, x: number): void {
    this.values[row] = x;
    if (x - x !== 0) this.allFinite = false; // NaN and ±Infinity
  }

  build(rows: number): ReadColumn {
    return {
      kind: 'numeric',
      name: this.name,
      values: trimmed(this.values, rows),
      invalid: this.invalid,
      invalidSamples: this.invalidSamples,
      ...(this.allFinite ? { finite: true } : {}),
    };
  }
}
