import type { Frame } from '@driftwatch/core';

/**
 * `frame` with its numeric `columns` copied, for a step that sorts them in
 * place (the drift engine with `reorderRows`) while other steps of the run
 * still need the rows in file order. Copying a column is a memcpy; reading
 * the file again, as runs did before, parsed it twice.
 */
export function sortableCopy(frame: Frame, columns: readonly string[]): Frame {
  const copied = new Set(columns);
  return {
    ...frame,
    columns: frame.columns.map((c) => (c.kind === 'numeric' && copied.has(c.name) ? { ...c, values: c.values.slice() } : c)),
  };
}
