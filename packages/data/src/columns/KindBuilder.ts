import type { ColumnKind } from '@driftwatch/core';
import type { ReadColumn } from '../ReadFrame.js';
import { KindSniffer } from '../schema/KindSniffer.js';
import { ColumnBuilder, valueText } from './ColumnBuilder.js';

/**
 * Reads a column of a file's head only to infer its kind: each row's value goes to a
 * {@link KindSniffer} (as bytes where the reader has them), rows from `sampleRows` on are ignored.
 *
 * A reader may write a row twice (its fast path gives up on a record and the general path writes the
 * whole row again, not always with the same value: a lone CR ends the fast path's field but not the
 * tokenizer's), so the last row's value is kept aside and handed to the sniffer only when the next
 * row starts or the kind is asked for.
 */
export class KindBuilder extends ColumnBuilder {
  readonly kind = 'text';
  readonly #sniffer = new KindSniffer();
  /** The row whose value is kept aside, -1 for none. */
  #row = -1;
  /** Its value: bytes in #bytes[0, #length) when #text is undefined; else text, or null for missing. */
  #text: string | null | undefined = undefined;
  #bytes = new Uint8Array(64);
  #length = 0;

  constructor(
    name: string,
    fieldNumber: number,
    readonly sampleRows: number,
  ) {
    super(name, fieldNumber, 0);
  }

  ensureCapacity(): void {
    // Nothing is stored per row.
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    if (!this.#next(row)) return true;
    const length = end - start;
    // One spare byte after the value: a line feed, which ends a number for the sniffer's cursor.
    if (length + 1 > this.#bytes.length) this.#bytes = new Uint8Array(Math.max(length + 1, this.#bytes.length * 2));
    // Byte by byte: a field is a few bytes, and `subarray` would make a Buffer object per value.
    const bytes = this.#bytes;
    for (let i = 0; i < length; i++) bytes[i] = buf[start + i] as number;
    bytes[length] = 10;
    this.#length = length;
    this.#text = undefined;
    return true;
  }

  setText(row: number, text: string): boolean {
    if (this.#next(row)) this.#text = text;
    return true;
  }

  setValue(row: number, value: unknown): boolean {
    // As TextBuilder keeps a JSON or Parquet value.
    if (value === null || value === undefined) this.setMissing(row);
    else if (typeof value === 'string') this.setText(row, value);
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') this.setText(row, String(value));
    else if (value instanceof Date) this.setText(row, value.toISOString());
    else this.setText(row, valueText(value));
    return true;
  }

  setMissing(row: number): void {
    if (this.#next(row)) this.#text = null;
  }

  /** The kind of the rows written so far. */
  inferred(): ColumnKind {
    this.#flush();
    return this.#sniffer.kind();
  }

  /** A text column without values: this builder keeps none (a reader finishing the head calls it for its checks). */
  build(): ReadColumn {
    return { kind: 'text', name: this.name, values: [], invalid: this.invalid, invalidSamples: this.invalidSamples };
  }

  /** Starts `row` (handing the row kept aside to the sniffer when it is another); false for a row past the sample. */
  #next(row: number): boolean {
    if (row >= this.sampleRows) return false;
    if (row !== this.#row) {
      this.#flush();
      this.#row = row;
    }
    return true;
  }

  #flush(): void {
    if (this.#row < 0) return;
    if (this.#text === undefined) this.#sniffer.addBytes(this.#bytes, 0, this.#length);
    else this.#sniffer.add(this.#text);
    this.#row = -1;
  }
}
