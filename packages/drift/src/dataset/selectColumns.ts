import { type DriftOptions, InputError, UsageError } from '@driftwatch/core';

/** One side's column names and where they come from (for messages). */
export interface ColumnNames {
  readonly source: string;
  readonly names: readonly string[];
}

/**
 * The columns to test: `columns` (default: every column of either side) less
 * `ignore`. A name in either flag that neither side has is a usage error; a
 * selected column missing from one side is an input error naming the columns
 * missing from the current data and those not in the reference.
 */
export function selectColumns(
  reference: ColumnNames,
  current: ColumnNames,
  options: Pick<DriftOptions, 'columns' | 'ignore'> = {},
): string[] {
  const known = new Set([...reference.names, ...current.names]);
  for (const [flag, names] of [
    ['--columns', options.columns ?? []],
    ['--ignore', options.ignore ?? []],
  ] as const) {
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new UsageError(
        `${flag} names unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} (columns: ${reference.names.join(', ')})`,
      );
    }
  }
  const ignore = new Set(options.ignore ?? []);
  const wanted = (options.columns && options.columns.length > 0 ? options.columns : [...known]).filter((n) => !ignore.has(n));
  const missing = wanted.filter((n) => !current.names.includes(n));
  const extra = wanted.filter((n) => !reference.names.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing from current: ${missing.join(', ')}`);
    if (extra.length > 0) parts.push(`not in reference: ${extra.join(', ')}`);
    throw new InputError(
      'INPUT_COLUMNS_MISMATCH',
      `${reference.source} and ${current.source} have different columns (${parts.join('; ')}); compare the shared ones with --columns or leave the others out with --ignore`,
    );
  }
  return wanted;
}
