import { inputError } from '../errors/inputError.js';
import type { ReadColumn } from '../ReadFrame.js';
import { ColumnBuilder, valueText } from './ColumnBuilder.js';

/**
 * Builds an embedding column: one vector of one width per row, stored row-major in a `Float64Array`
 * (rows × dim). Vectors come as arrays of numbers (JSONL arrays, Parquet `list<float>` and fixed-size
 * lists) or, in CSV, as a JSON array in one field. Every row must hold a vector of the first vector's
 * width with finite numbers only: a missing, ragged, non-numeric or NaN vector is not a missing value but
 * an input error, raised by {@link build} at the first such row with its line and column (the readers
 * record them through `noteInvalid`), since no embedding method is defined on it.
 */
export class EmbeddingBuilder extends ColumnBuilder {
  readonly kind = 'embedding';
  #values = new Float64Array(0);
  #capacity = 0;
  #dim = -1;
  #firstProblem: string | undefined;

  constructor(
    name: string,
    fieldNumber: number,
    maxInvalidSamples: number,
    private readonly file: string,
  ) {
    super(name, fieldNumber, maxInvalidSamples);
  }

  ensureCapacity(rows: number): void {
    this.#capacity = Math.max(this.#capacity, rows);
    if (this.#dim >= 0) this.#grow(rows);
  }

  #grow(rows: number): void {
    const need = rows * this.#dim;
    if (need <= this.#values.length) return;
    const next = new Float64Array(need);
    next.set(this.#values);
    this.#values = next;
  }

  setBytes(row: number, buf: Buffer, start: number, end: number): boolean {
    return this.setText(row, buf.toString('utf8', start, end));
  }

  setText(row: number, text: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#reject('is not a JSON array of numbers');
    }
    return this.setValue(row, value);
  }

  setValue(row: number, value: unknown): boolean {
    if (value === null || value === undefined) return this.#reject('is missing (every row needs a vector)');
    const isArray = Array.isArray(value) || ArrayBuffer.isView(value);
    if (!isArray || value instanceof DataView) return this.#reject(`is ${valueText(value)}, not an array of numbers`);
    const v = value as ArrayLike<unknown>;
    if (this.#dim < 0) {
      this.#dim = v.length;
      this.#grow(Math.max(this.#capacity, row + 1));
    } else if (v.length !== this.#dim) {
      return this.#reject(`has ${v.length} values but the first vector has ${this.#dim} (ragged vectors)`);
    }
    if ((row + 1) * this.#dim > this.#values.length) this.#grow(Math.max(row + 1, this.#capacity * 2));
    const off = row * this.#dim;
    for (let k = 0; k < v.length; k++) {
      const x = typeof v[k] === 'bigint' ? Number(v[k]) : v[k];
      if (typeof x !== 'number') return this.#reject(`has a non-numeric value at index ${k} (${JSON.stringify(x) ?? String(x)})`);
      if (!Number.isFinite(x)) return this.#reject(`has ${x} at index ${k} (vectors must be finite)`);
      this.#values[off + k] = x;
    }
    return true;
  }

  setMissing(): void {
    this.#reject('is missing (every row needs a vector)');
  }

  #reject(problem: string): false {
    this.#firstProblem ??= problem;
    return false;
  }

  build(rows: number): ReadColumn {
    const first = this.invalidSamples[0];
    if (this.#firstProblem !== undefined || this.invalid > 0) {
      throw inputError(
        'INPUT_INVALID_VALUE',
        { file: this.file, line: first?.line, column: first?.column || undefined, field: this.name },
        `embedding column "${this.name}": the vector ${this.#firstProblem ?? 'is invalid'}`,
      );
    }
    const dim = Math.max(this.#dim, 0);
    const values = this.#values.length === rows * dim ? this.#values : this.#values.slice(0, rows * dim);
    return { kind: 'embedding', name: this.name, dim, values, invalid: 0, invalidSamples: [] };
  }
}
