import type { InputError } from '@driftwatch/core';
import { inputError, type ProblemAt } from './inputError.js';

/**
 * The error of every reader, in `strict` mode, for a value its column's kind cannot hold:
 * `INPUT_INVALID_VALUE`, `column "age": "x" is not a valid numeric value`, after `where` (a
 * Parquet reader, which has no lines, says `row 12, `).
 */
export function invalidValueError(
  at: ProblemAt,
  column: { readonly name: string; readonly kind: string },
  text: string,
  where = '',
): InputError {
  return inputError(
    'INPUT_INVALID_VALUE',
    { ...at, field: column.name },
    `${where}column "${column.name}": ${JSON.stringify(text)} is not a valid ${column.kind} value`,
  );
}
