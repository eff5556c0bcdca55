import { InputError } from '../errors/DriftwatchError.js';

/**
 * The error for a reference and a current dataset whose columns differ, naming
 * the columns missing from the current data and those not in the reference
 * (among `wanted`, every column of either side by default); `undefined` when
 * they match.
 */
export function columnMismatch(
  reference: { readonly source: string; readonly names: readonly string[] },
  current: { readonly source: string; readonly names: readonly string[] },
  wanted: readonly string[] = [...new Set([...reference.names, ...current.names])],
): InputError | undefined {
  const missing = wanted.filter((n) => !current.names.includes(n));
  const extra = wanted.filter((n) => !reference.names.includes(n));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing from current: ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`not in reference: ${extra.join(', ')}`);
  return new InputError(
    'INPUT_COLUMNS_MISMATCH',
    `${reference.source} and ${current.source} have different columns (${parts.join('; ')}); compare the shared ones with --columns or leave the others out with --ignore`,
  );
}
