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
  readonly #cursor = new NumberCursor();

  ensureCapacity(rows: number): void {
    if (rows <= this.values.length) return;
    const next = new Float64Array(rows);
    next.set(this.values);
    this.values = next;
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    if (start === end) {
      this.values[row] = Number.NaN;
      return true;
    }
    const x = this.#cursor.parse(buf, start);
    if (this.#cursor.end === end) {
      this.values[row] = x;
      return true;
    }
    return this.setText(row, buf.toString('utf8', start, end));
  }

  setText(row: number, text: string): boolean {
    if (isMissingMarker(text)) {
      this.values[row] = Number.NaN;
      return true;
    }
    const x = parseNumberText(text);
    this.values[row] = x ?? Number.NaN;
    return x !== undefined;
  }

  setValue(row: number, value: unknown): boolean {
    if (typeof value === 'number') {
      this.values[row] = value;
      return true;
    }
    if (value === null || value === undefined) {
      this.values[row] = Number.NaN;
      return true;
    }
    if (typeof value === 'string') return this.setText(row, value);
    if (typeof value === 'bigint') {
      this.values[row] = Number(value);
      return true;
    }
    this.values[row] = Number.NaN;
    return false;
  }

  setMissing(row: number): void {
    this.values[row] = Number.NaN;
  }

  build(rows: number): ReadColumn {
    return {
      kind: 'numeric',
      name: this.name,
      values: trimmed(this.values, rows),
      invalid: this.invalid,
      invalidSamples: this.invalidSamples,
    };
  }
}
