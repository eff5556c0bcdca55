import { ColumnSelectionError, type DriftOptions } from '@driftwatch/core';

/** One side's column names and where they come from (for messages). */
export interface ColumnNames {
  readonly source: string;
  readonly names: readonly string[];
}

/**
 * The columns to test: `columns` (default: every column of either side) less
 * `ignore`. A name in either option that neither side has, or a selected
 * column missing from one side, is a {@link ColumnSelectionError} whose
 * fields the caller words (CLI flags, config paths).
 */
export function selectColumns(
  reference: ColumnNames,
  current: ColumnNames,
  options: Pick<DriftOptions, 'columns' | 'ignore'> = {},
): string[] {
  const known = new Set([...reference.names, ...current.names]);
  for (const option of ['columns', 'ignore'] as const) {
    const unknown = (options[option] ?? []).filter((n) => !known.has(n));
    if (unknown.length > 0) throw new ColumnSelectionError({ kind: 'unknown', option, columns: unknown, known: reference.names });
  }
  const ignore = new Set(options.ignore ?? []);
  const wanted = (options.columns && options.columns.length > 0 ? options.columns : [...known]).filter((n) => !ignore.has(n));
  const missing = wanted.filter((n) => !current.names.includes(n));
  const extra = wanted.filter((n) => !reference.names.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new ColumnSelectionError({ kind: 'mismatch', reference: reference.source, current: current.source, missing, extra });
  }
  return wanted;
}
