import { type Column, type ColumnQuality, type Frame, InputError, type OutOfRange, type UnseenCategories } from '@driftwatch/core';
import { inputError } from '../errors/inputError.js';

const maxExamples = 5;

/** What one column's quality is measured against, computed once from the reference. */
interface ColumnBaseline {
  readonly current: Column;
  /** Numeric/datetime: finite min and max of the reference, `NaN` when it has none. */
  readonly min: number;
  readonly max: number;
  /** Categorical/boolean: 1 for each code of the current dictionary whose label the reference never takes. */
  readonly unseenCode?: Uint8Array;
}

/**
 * The reference side of a quality check, prepared once so that many row
 * subsets (chunks) of `current` are measured without revisiting the
 * reference. `columns` defaults to those both frames have.
 */
export class QualityBaseline {
  readonly #columns: readonly ColumnBaseline[];

  constructor(reference: Frame, current: Frame, columns?: readonly string[]) {
    const names = columns ?? reference.columns.map((c) => c.name).filter((n) => current.columns.some((c) => c.name === n));
    this.#columns = names.map((name) => baseline(reference, current, name));
  }

  /** The quality of every column over `rows` of the current frame (all rows when absent). */
  measure(rows?: Int32Array): ColumnQuality[] {
    return this.#columns.map((b) => measureColumn(b, rows));
  }
}

function find(frame: Frame, name: string): Column {
  const column = frame.columns.find((c) => c.name === name);
  if (column === undefined) {
    throw inputError(
      'INPUT_UNKNOWN_COLUMN',
      { file: frame.source, field: name },
      `column "${name}" is not in the data (its columns: ${frame.columns.map((c) => c.name).join(', ')})`,
    );
  }
  return column;
}

function isCategorical(c: Column): c is Extract<Column, { kind: 'categorical' | 'boolean' }> {
  return c.kind === 'categorical' || c.kind === 'boolean';
}

function baseline(reference: Frame, current: Frame, name: string): ColumnBaseline {
  const ref = find(reference, name);
  const cur = find(current, name);
  if (ref.kind !== cur.kind && !(isCategorical(ref) && isCategorical(cur))) {
    throw new InputError(
      'INPUT_COLUMNS_MISMATCH',
      `column "${name}" is ${ref.kind} in ${reference.source} but ${cur.kind} in ${current.source}`,
      { location: { file: current.source, field: name } },
    );
  }
  if ((ref.kind === 'numeric' || ref.kind === 'datetime') && (cur.kind === 'numeric' || cur.kind === 'datetime')) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const v = ref.values;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x - x !== 0) continue; // NaN and ±Infinity
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return min <= max ? { current: cur, min, max } : { current: cur, min: Number.NaN, max: Number.NaN };
  }
  if (isCategorical(ref) && isCategorical(cur)) {
    // Labels the reference actually takes (its dictionary may list more).
    const takes = new Uint8Array(ref.dictionary.length);
    for (let i = 0; i < ref.codes.length; i++) if (ref.codes[i] >= 0) takes[ref.codes[i]] = 1;
    const seen = new Set<string>();
    for (let c = 0; c < takes.length; c++) if (takes[c] === 1) seen.add(ref.dictionary[c]);
    const unseenCode = new Uint8Array(cur.dictionary.length);
    for (let c = 0; c < unseenCode.length; c++) unseenCode[c] = seen.has(cur.dictionary[c]) ? 0 : 1;
    return { current: cur, min: Number.NaN, max: Number.NaN, unseenCode };
  }
  return { current: cur, min: Number.NaN, max: Number.NaN };
}

function share(count: number, rows: number): number | null {
  return rows === 0 ? null : count / rows;
}

function measureColumn(b: ColumnBaseline, rows: Int32Array | undefined): ColumnQuality {
  const c = b.current;
  const n = rows ? rows.length : rowCount(c);
  let missing = 0;
  let unseen: UnseenCategories | null = null;
  let range: OutOfRange | null = null;
  switch (c.kind) {
    case 'numeric':
    case 'datetime': {
      const v = c.values;
      let below = 0;
      let above = 0;
      const { min, max } = b;
      for (let k = 0; k < n; k++) {
        const x = v[rows ? rows[k] : k];
        if (x !== x) missing++;
        else if (x < min) below++;
        else if (x > max) above++;
      }
      const known = min === min;
      range = {
        referenceMin: known ? min : null,
        referenceMax: known ? max : null,
        below,
        above,
        belowShare: share(below, n),
        aboveShare: share(above, n),
      };
      break;
    }
    case 'categorical':
    case 'boolean': {
      const codes = c.codes;
      const flags = b.unseenCode as Uint8Array;
      const perCode = new Int32Array(c.dictionary.length);
      let unseenRows = 0;
      for (let k = 0; k < n; k++) {
        const code = codes[rows ? rows[k] : k];
        if (code < 0) missing++;
        else if (flags[code] === 1) {
          unseenRows++;
          perCode[code]++;
        }
      }
      const found: number[] = [];
      for (let code = 0; code < perCode.length; code++) if (perCode[code] > 0) found.push(code);
      found.sort((x, y) => perCode[y] - perCode[x] || (c.dictionary[x] < c.dictionary[y] ? -1 : c.dictionary[x] > c.dictionary[y] ? 1 : 0));
      unseen = {
        rows: unseenRows,
        share: share(unseenRows, n),
        distinct: found.length,
        examples: found.slice(0, maxExamples).map((code) => c.dictionary[code]),
      };
      break;
    }
    case 'text': {
      for (let k = 0; k < n; k++) if (c.values[rows ? rows[k] : k] === null) missing++;
      break;
    }
    case 'embedding': {
      const { dim, values } = c;
      for (let k = 0; k < n; k++) {
        const at = (rows ? rows[k] : k) * dim;
        for (let j = 0; j < dim; j++) {
          const x = values[at + j];
          if (x !== x) {
            missing++;
            break;
          }
        }
      }
      break;
    }
  }
  return {
    column: c.name,
    kind: c.kind,
    rows: n,
    missing,
    missingShare: share(missing, n),
    invalid: rows ? null : c.invalid,
    unseen,
    range,
  };
}

function rowCount(c: Column): number {
  switch (c.kind) {
    case 'categorical':
    case 'boolean':
      return c.codes.length;
    case 'embedding':
      return c.dim === 0 ? 0 : c.values.length / c.dim;
    default:
      return c.values.length;
  }
}
