import type { Column, Frame } from '@driftwatch/core';

/**
 * A new frame holding `rows` of `frame` (in the order given), every column
 * copied into fresh typed arrays, so the result may be sorted or changed
 * without touching `frame`. Categorical columns share the dictionary. The
 * per-column `invalid` count is a whole-file figure that cannot be split by
 * row, so the subset reports 0; `source` is kept for messages.
 */
export function takeRows(frame: Frame, rows: Int32Array): Frame {
  return { rowCount: rows.length, source: frame.source, columns: frame.columns.map((c) => takeColumn(c, rows)) };
}

function takeColumn(column: Column, rows: Int32Array): Column {
  const n = rows.length;
  switch (column.kind) {
    case 'numeric':
    case 'datetime': {
      const src = column.values;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = src[rows[i]];
      return { kind: column.kind, name: column.name, values, invalid: 0 };
    }
    case 'categorical':
    case 'boolean': {
      const src = column.codes;
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = src[rows[i]];
      return { kind: column.kind, name: column.name, codes, dictionary: column.dictionary, invalid: 0 };
    }
    case 'text': {
      const src = column.values;
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = src[rows[i]];
      return { kind: 'text', name: column.name, values, invalid: 0 };
    }
    case 'embedding': {
      const { dim, values: src } = column;
      const values = src instanceof Float64Array ? new Float64Array(n * dim) : new Float32Array(n * dim);
      for (let i = 0; i < n; i++) values.set(src.subarray(rows[i] * dim, rows[i] * dim + dim), i * dim);
      return { kind: 'embedding', name: column.name, dim, values, invalid: 0 };
    }
  }
}
