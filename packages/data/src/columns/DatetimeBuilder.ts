import { parseIsoDatetime } from '../datetime/parseIsoDatetime.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import type { ReadColumn } from '../ReadFrame.js';
import { ColumnBuilder, trimmed } from './ColumnBuilder.js';

/**
 * Builds a datetime column: epoch milliseconds in a `Float64Array`, `NaN` for
 * missing. Text is ISO-8601 (see `parseIsoDatetime`); JSON numbers are epoch
 * milliseconds; Parquet dates and timestamps arrive as milliseconds.
 */
export class DatetimeBuilder extends ColumnBuilder {
  readonly kind = 'datetime';
  values = new Float64Array(0);

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
    return this.setText(row, buf.toString('utf8', start, end));
  }

  setText(row: number, text: string): boolean {
    const ms = parseIsoDatetime(text);
    this.values[row] = ms;
    return !Number.isNaN(ms) || isMissingMarker(text);
  }

  setValue(row: number, value: unknown): boolean {
    if (value === null || value === undefined) {
      this.values[row] = Number.NaN;
      return true;
    }
    if (typeof value === 'string') return this.setText(row, value);
    if (typeof value === 'number') {
      this.values[row] = value;
      return true;
    }
    if (typeof value === 'bigint') {
      this.values[row] = Number(value);
      return true;
    }
    if (value instanceof Date) {
      this.values[row] = value.getTime();
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
      kind: 'datetime',
      name: this.name,
      values: trimmed(this.values, rows, this.views),
      invalid: this.invalid,
      invalidSamples: this.invalidSamples,
    };
  }
}
