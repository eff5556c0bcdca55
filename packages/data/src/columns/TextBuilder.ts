import { isMissingMarker } from '../missing/missingMarkers.js';
import type { ReadColumn } from '../ReadFrame.js';
import { ColumnBuilder, valueText } from './ColumnBuilder.js';

/** Builds a free-text column: one string per row, `null` for missing. */
export class TextBuilder extends ColumnBuilder {
  readonly kind = 'text';
  readonly values: (string | null)[] = [];

  ensureCapacity(): void {
    // A JS array grows by itself.
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    return this.setText(row, buf.toString('utf8', start, end));
  }

  setText(row: number, text: string): boolean {
    this.values[row] = isMissingMarker(text) ? null : text;
    return true;
  }

  setValue(row: number, value: unknown): boolean {
    if (value === null || value === undefined) {
      this.values[row] = null;
      return true;
    }
    if (typeof value === 'string') return this.setText(row, value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      this.values[row] = String(value);
      return true;
    }
    if (value instanceof Date) {
      this.values[row] = value.toISOString();
      return true;
    }
    // A nested JSON value is kept as its JSON text.
    this.values[row] = valueText(value);
    return true;
  }

  setMissing(row: number): void {
    this.values[row] = null;
  }

  build(rows: number): ReadColumn {
    if (this.values.length > rows) this.values.length = rows;
    return { kind: 'text', name: this.name, values: this.values, invalid: this.invalid, invalidSamples: this.invalidSamples };
  }
}
