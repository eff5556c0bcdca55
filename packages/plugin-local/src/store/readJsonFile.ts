import { readFile } from 'node:fs/promises';
import { StateError } from '@driftwatch/core';

/** How {@link readJsonFile} checks a file and words the error when it is corrupt. */
export interface JsonFileKind<T> {
  /** What the file holds, as in "not a valid model registry". */
  readonly what: string;
  /** What a person can do about a corrupt file; ends the error message. */
  readonly remedy: string;
  /** The parsed JSON as a `T`; throws an `Error` saying what is wrong when it is not one. */
  readonly check: (value: unknown) => T;
}

/**
 * Reads a JSON state file: `undefined` when it does not exist; content that is
 * not JSON, or that `kind.check` rejects, is a {@link StateError}
 * `STATE_CORRUPT` naming the file, the problem and the remedy
 * (`<file>: not a valid <what> (<problem>); <remedy>`). Other read errors are
 * rethrown as they came.
 */
export async function readJsonFile<T>(file: string, kind: JsonFileKind<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return kind.check(JSON.parse(text));
  } catch (cause) {
    throw new StateError('STATE_CORRUPT', `${file}: not a valid ${kind.what} (${(cause as Error).message}); ${kind.remedy}`, { cause });
  }
}
