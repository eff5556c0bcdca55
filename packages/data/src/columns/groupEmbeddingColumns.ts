import type { Column, EmbeddingColumn, Frame, NumericColumn } from '@driftwatch/core';
import { inputError } from '../errors/inputError.js';

/**
 * The columns of `names` that form the embedding declared by `prefix` (`emb_` → `emb_0 … emb_n`): the
 * prefix followed by a decimal index, in index order.
 */
export function embeddingMembers(names: readonly string[], prefix: string): string[] {
  const members: { name: string; index: number }[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (/^\d+$/.test(rest)) members.push({ name, index: Number(rest) });
  }
  return members.sort((a, b) => a.index - b.index).map((m) => m.name);
}

/**
 * Replaces the numeric columns `members` of `frame` by one embedding column `name` (rows × members,
 * row-major float64), placed where the first member was. Every value must be a finite number: a missing
 * or unreadable value (NaN) or an infinity is an input error naming the file, the data row (line = row + 2
 * in a CSV file with a header and no multi-line fields) and the column.
 *
 * @throws InputError `INPUT_INVALID_VALUE` for a bad value, `INPUT_BAD_SCHEMA` when a member is not numeric.
 */
export function groupEmbeddingColumns(frame: Frame, name: string, members: readonly string[]): Frame {
  const cols = members.map((m) => frame.columns.find((c) => c.name === m));
  const dim = members.length;
  const rows = frame.rowCount;
  const values = new Float64Array(rows * dim);
  for (let k = 0; k < dim; k++) {
    const c = cols[k];
    if (c === undefined) continue;
    if (c.kind !== 'numeric') {
      throw inputError(
        'INPUT_BAD_SCHEMA',
        { file: frame.source, field: c.name },
        `column "${c.name}" of embedding "${name}" is ${c.kind}, not numeric`,
      );
    }
    const v = (c as NumericColumn).values;
    for (let r = 0; r < rows; r++) {
      const x = v[r] as number;
      if (!Number.isFinite(x)) {
        throw inputError(
          'INPUT_INVALID_VALUE',
          { file: frame.source, line: r + 2, field: c.name },
          `column "${c.name}" of embedding "${name}": ${Number.isNaN(x) ? 'a missing or non-numeric value' : String(x)} in data row ${r + 1} (vectors must be finite numbers)`,
        );
      }
      values[r * dim + k] = x;
    }
  }
  const present = new Set(members);
  const embedding: EmbeddingColumn = { kind: 'embedding', name, dim, values, invalid: 0 };
  const columns: Column[] = [];
  let placed = false;
  for (const c of frame.columns) {
    if (!present.has(c.name)) columns.push(c);
    else if (!placed) {
      columns.push(embedding);
      placed = true;
    }
  }
  if (!placed) columns.push(embedding);
  return { ...frame, columns };
}
