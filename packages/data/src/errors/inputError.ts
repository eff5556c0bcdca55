import { type ErrorCode, InputError } from '@driftwatch/core';

/** Where an input problem is, for {@link inputError}. */
export interface ProblemAt {
  readonly file: string;
  /** 1-based line; omitted for problems of the whole file. */
  readonly line?: number;
  /** 1-based character column within the line. */
  readonly column?: number;
  /** The column (field) name, for value problems. */
  readonly field?: string;
}

/**
 * An {@link InputError} whose message is one line starting with the
 * editor-style position `file:line:column: `.
 */
export function inputError(code: ErrorCode, at: ProblemAt, message: string, cause?: unknown): InputError {
  let prefix = at.file;
  if (at.line !== undefined) prefix += `:${at.line}`;
  if (at.line !== undefined && at.column !== undefined) prefix += `:${at.column}`;
  const location = { file: at.file, line: at.line, column: at.column, field: at.field };
  return new InputError(code, `${prefix}: ${message}`, cause === undefined ? { location } : { location, cause });
}
