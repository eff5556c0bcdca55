import { type CategoricalColumn, type Frame, getColumn, InputError } from '@driftwatch/core';

/** A categorical (or boolean) column's encoding: its imputed value and each category's share of the reference. */
export interface CategoryShares {
  readonly name: string;
  /** The reference's most frequent category (ties: the smallest), put in place of a missing value. */
  readonly mode: string;
  /** Category → share of the reference's rows (after imputation); a category the reference lacks encodes as 0. */
  readonly shares: ReadonlyMap<string, number>;
}

/**
 * How NannyML's multivariate calculators turn a row into numbers, fitted on
 * the reference: numeric columns with a missing value replaced by the
 * reference's mean (scikit-learn's `SimpleImputer(strategy="mean")`),
 * categorical and boolean columns with a missing value replaced by the most
 * frequent category (`strategy="most_frequent"`, ties to the smallest) and then
 * count-encoded with `normalize=True` (category_encoders' `CountEncoder`).
 */
export interface TabularEncoding {
  /** Encoded columns: the numeric ones, then the categorical ones, each in the order asked for. */
  readonly columns: readonly string[];
  readonly numeric: readonly { readonly name: string; readonly mean: number }[];
  readonly categorical: readonly CategoryShares[];
  /** Columns left out, with why. */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
}

/** Fits {@link TabularEncoding} on `reference`'s `columns`. Infinite numbers count as missing. */
export function fitTabularEncoding(reference: Frame, columns: readonly string[]): TabularEncoding {
  const numeric: { name: string; mean: number }[] = [];
  const categorical: CategoryShares[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const name of columns) {
    const col = getColumn(reference, name);
    if (col === undefined) throw new InputError('INPUT_UNKNOWN_COLUMN', `${reference.source}: no column "${name}"`);
    if (col.kind === 'numeric') {
      let sum = 0;
      let n = 0;
      for (const v of col.values) {
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      if (n === 0) skipped.push({ column: name, reason: 'no value in the reference' });
      else numeric.push({ name, mean: sum / n });
    } else if (col.kind === 'categorical' || col.kind === 'boolean') {
      const shares = categoryShares(col);
      if (shares === undefined) skipped.push({ column: name, reason: 'no value in the reference' });
      else categorical.push(shares);
    } else {
      skipped.push({ column: name, reason: `${col.kind} columns are not part of multivariate drift` });
    }
  }
  return { columns: [...numeric.map((c) => c.name), ...categorical.map((c) => c.name)], numeric, categorical, skipped };
}

function categoryShares(col: CategoricalColumn): CategoryShares | undefined {
  const counts = new Float64Array(col.dictionary.length);
  let missing = 0;
  for (const code of col.codes) {
    if (code < 0) missing++;
    else counts[code]++;
  }
  let mode = -1;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    if (mode < 0 || counts[i] > counts[mode] || (counts[i] === counts[mode] && col.dictionary[i] < col.dictionary[mode])) mode = i;
  }
  if (mode < 0) return undefined;
  counts[mode] += missing;
  const shares = new Map<string, number>();
  const rows = col.codes.length;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) shares.set(col.dictionary[i], counts[i] / rows);
  return { name: col.name, mode: col.dictionary[mode], shares };
}

/**
 * The encoded rows of `frame` (all rows, or those listed), row-major
 * rows × columns, in {@link TabularEncoding.columns} order.
 */
export function encodeRows(encoding: TabularEncoding, frame: Frame, rows?: Int32Array): Float64Array {
  const n = rows === undefined ? frame.rowCount : rows.length;
  const d = encoding.columns.length;
  const out = new Float64Array(n * d);
  let j = 0;
  for (const spec of encoding.numeric) {
    const col = getColumn(frame, spec.name);
    if (col?.kind !== 'numeric')
      throw new InputError('INPUT_COLUMNS_MISMATCH', `${frame.source}: column "${spec.name}" is not numeric here as in the reference`);
    const values = col.values;
    for (let i = 0; i < n; i++) {
      const v = values[rows === undefined ? i : rows[i]];
      out[i * d + j] = Number.isFinite(v) ? v : spec.mean;
    }
    j++;
  }
  for (const spec of encoding.categorical) {
    const col = getColumn(frame, spec.name);
    if (col?.kind !== 'categorical' && col?.kind !== 'boolean')
      throw new InputError('INPUT_COLUMNS_MISMATCH', `${frame.source}: column "${spec.name}" is not categorical here as in the reference`);
    const byCode = Float64Array.from(col.dictionary, (c) => spec.shares.get(c) ?? 0);
    const missing = spec.shares.get(spec.mode) ?? 0;
    const codes = col.codes;
    for (let i = 0; i < n; i++) {
      const code = codes[rows === undefined ? i : rows[i]];
      out[i * d + j] = code < 0 ? missing : byCode[code];
    }
    j++;
  }
  return out;
}
