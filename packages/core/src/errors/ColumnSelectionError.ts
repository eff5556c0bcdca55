import { DriftwatchError } from './DriftwatchError.js';

/** The drift options that name columns. */
export type SelectionOption = 'columns' | 'ignore' | 'methods' | 'thresholds';

/** How a caller names an option to its user: a CLI flag (`--columns`) or a config path (`drift.columns`). */
export type OptionWording = (option: SelectionOption) => string;

/** The engine's own wording, for callers that word nothing: `option "columns"`. */
const neutral: OptionWording = (option) => `option "${option}"`;

/** What went wrong with a column selection, as fields. */
export type SelectionProblem =
  | {
      /** An option names columns the data does not have. */
      readonly kind: 'unknown';
      readonly option: SelectionOption;
      readonly columns: readonly string[];
      /** The data's columns. */
      readonly known: readonly string[];
    }
  | {
      /** The two sides have different columns among those selected. */
      readonly kind: 'mismatch';
      readonly reference: string;
      readonly current: string;
      /** Selected columns the current data lacks. */
      readonly missing: readonly string[];
      /** Selected columns the reference lacks. */
      readonly extra: readonly string[];
    };

/**
 * A drift column selection that cannot be made. The drift engine knows
 * options, not how the user gave them, so it raises this with structured
 * fields and each caller words it: the CLI with its flags, a monitor run with
 * config paths ({@link wordedFor}). Code `USAGE` for unknown names,
 * `INPUT_COLUMNS_MISMATCH` for sides that differ.
 */
export class ColumnSelectionError extends DriftwatchError {
  readonly problem: SelectionProblem;

  constructor(problem: SelectionProblem, options?: { cause?: unknown }) {
    super(problem.kind === 'unknown' ? 'USAGE' : 'INPUT_COLUMNS_MISMATCH', describeSelection(problem, neutral), options);
    this.problem = problem;
  }

  /** The message with each option named as `name` says (a flag, a config path). */
  wordedFor(name: OptionWording): string {
    return describeSelection(this.problem, name);
  }
}

/** The message of a selection problem, options named by `name`. */
export function describeSelection(problem: SelectionProblem, name: OptionWording): string {
  if (problem.kind === 'unknown') {
    const { option, columns, known } = problem;
    return `${name(option)} names unknown column${columns.length > 1 ? 's' : ''} ${columns.map((n) => `"${n}"`).join(', ')} (columns: ${known.join(', ')})`;
  }
  const parts: string[] = [];
  if (problem.missing.length > 0) parts.push(`missing from current: ${problem.missing.join(', ')}`);
  if (problem.extra.length > 0) parts.push(`not in reference: ${problem.extra.join(', ')}`);
  return `${problem.reference} and ${problem.current} have different columns (${parts.join('; ')}); compare the shared ones with ${name('columns')} or leave the others out with ${name('ignore')}`;
}

/** True for a {@link ColumnSelectionError}, also one thrown by another copy of this package (checked by shape, not class). */
export function isColumnSelectionError(error: unknown): error is ColumnSelectionError {
  return (
    error instanceof Error &&
    error.name === 'ColumnSelectionError' &&
    typeof (error as Partial<ColumnSelectionError>).wordedFor === 'function' &&
    typeof (error as Partial<ColumnSelectionError>).problem === 'object'
  );
}
