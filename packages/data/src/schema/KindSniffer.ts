import type { ColumnKind } from '@driftwatch/core';
import { ByteInterner, hashBytes, missingMarkerInterner } from '../columns/ByteInterner.js';
import { parseIsoDatetime } from '../datetime/parseIsoDatetime.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import { NumberCursor } from '../numbers/NumberCursor.js';
import { parseNumberText } from '../numbers/parseNumberText.js';

/** Thresholds of {@link inferKind} and {@link KindSniffer}. */
export interface InferKindOptions {
  /** Most distinct values a categorical column may have. Default 1000. */
  readonly maxCategories?: number;
}

/**
 * The rules of {@link inferKind}, taken one value at a time, so that a reader can decide a column's
 * kind while it reads the file's head instead of keeping every sample value as a string.
 * {@link addBytes} takes a field's UTF-8 bytes and answers from them where it can: a plain number, a
 * missing marker, a value already seen or one that cannot open a JSON array makes no string (a
 * 10 000-row head of a numeric file made ~120 000 strings, and their garbage collection was most of
 * its inference). Whether values come as text or bytes, the kind is the same.
 */
export class KindSniffer {
  #count = 0;
  #boolean = true;
  #numeric = true;
  #datetime = true;
  #vectors = true;
  #fractions = false;
  /** Distinct values (UTF-8), kept until there are more than {@link #maxCategories}. */
  readonly #distinct = new ByteInterner();
  /** Distinct texts that are not well-formed UTF-16 (a lone surrogate has no UTF-8 of its own). */
  readonly #illFormed = new Set<string>();
  readonly #maxCategories: number;
  readonly #cursor = new NumberCursor();
  static readonly #missing = missingMarkerInterner();

  constructor(options: InferKindOptions = {}) {
    this.#maxCategories = options.maxCategories ?? 1000;
  }

  /** One value as text; `null` or a missing marker is missing. */
  add(v: string | null): void {
    if (v === null || isMissingMarker(v)) return;
    this.#count++;
    this.#textRules(v);
    if (this.#numeric) this.#numeric = parseNumberText(v) !== undefined;
    if (this.#distinctSize() <= this.#maxCategories) {
      if (!isWellFormed(v)) {
        this.#illFormed.add(v);
        return;
      }
      const bytes = Buffer.from(v, 'utf8');
      this.#addDistinct(bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
    }
  }

  /**
   * One value as the UTF-8 bytes `buf[start, end)`: the same as {@link add} of their text. `buf`
   * needs a byte after `end` that cannot continue a number (a delimiter, a line feed).
   */
  addBytes(buf: Uint8Array, start: number, end: number): void {
    const h = hashBytes(buf, start, end);
    if (KindSniffer.#missing.find(buf, start, end, h) >= 0) return;
    this.#count++;
    if (this.#boolean || this.#datetime || (this.#vectors && buf[start] === 91)) {
      this.#textRules(utf8Text(buf, start, end));
    } else {
      // Not `[`: no JSON array.
      this.#vectors = false;
    }
    if (this.#numeric) {
      // What NumberCursor reads whole, parseNumberText accepts; the rest (blanks around, NaN, not a
      // number) it decides. An empty field never gets here: it is a missing marker.
      this.#cursor.parse(buf, start);
      if (this.#cursor.end !== end) {
        this.#numeric = parseNumberText(utf8Text(buf, start, end)) !== undefined;
      }
    }
    if (this.#distinctSize() <= this.#maxCategories) this.#addDistinct(buf, start, end, h);
  }

  /** The kind of the values added so far; a column with none is `categorical` (it accepts anything later). */
  kind(): ColumnKind {
    if (this.#count === 0) return 'categorical';
    if (this.#boolean) return 'boolean';
    if (this.#numeric) return 'numeric';
    if (this.#datetime) return 'datetime';
    if (this.#vectors && this.#fractions) return 'embedding';
    const distinct = this.#distinctSize();
    if (distinct <= this.#maxCategories && (distinct <= this.#count / 2 || this.#count < 50)) return 'categorical';
    return 'text';
  }

  /** The rules that need the text: boolean, datetime, JSON array of numbers (each only while it still holds). */
  #textRules(v: string): void {
    if (this.#boolean) {
      const t = v.toLowerCase();
      this.#boolean = t === 'true' || t === 'false';
    }
    if (this.#datetime) this.#datetime = !Number.isNaN(parseIsoDatetime(v));
    if (this.#vectors) {
      const array = numberArray(v);
      this.#vectors = array !== undefined;
      if (array !== undefined && !this.#fractions) this.#fractions = array.some((x) => !Number.isInteger(x));
    }
  }

  #distinctSize(): number {
    return this.#distinct.size + this.#illFormed.size;
  }

  #addDistinct(buf: Uint8Array, start: number, end: number, h: number): void {
    if (this.#distinct.find(buf, start, end, h) < 0) this.#distinct.add(buf, start, end, h, 0);
  }
}

/** The text of the UTF-8 bytes `buf[start, end)`. */
function utf8Text(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8', start, end);
}

/** ES2024's `String.prototype.isWellFormed` (Node 20 has it; the project's lib is ES2022): no lone surrogate. */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** `text` as a non-empty JSON array of numbers, or `undefined`. */
function numberArray(text: string): number[] | undefined {
  if (text.charCodeAt(0) !== 91 /* [ */) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
  } catch {
    return undefined;
  }
}
