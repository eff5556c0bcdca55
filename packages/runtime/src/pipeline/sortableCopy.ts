import { type Column, type Frame, fieldsWithoutValues, scaledNumericColumn } from '@driftwatch/core';

/**
 * `frame` with its numeric `columns` copied, for a step that sorts them in
 * place (the drift engine with `reorderRows`) while other steps of the run
 * still need the rows in file order. Copying a column is a memcpy; reading
 * the file again, as runs did before, parsed it twice. A scaled column is not copied: the engine
 * decodes its integers into arrays of its own and never reorders them, so the copy is a column object
 * of its own over the same integers (reading its values decodes them for it alone).
 */
export function sortableCopy(frame: Frame, columns: readonly string[]): Frame {
  const copied = new Set(columns);
  return {
    ...frame,
    columns: frame.columns.map((c): Column => {
      if (c.kind !== 'numeric' || !copied.has(c.name)) return c;
      return c.scaled ? scaledNumericColumn(fieldsWithoutValues(c), c.scaled) : { ...c, values: c.values.slice() };
    }),
  };
}
