import { InputError, isInputError } from '@driftwatch/core';

/**
 * Calls `visit` with each non-empty line of a JSON Lines text, parsed, and
 * its 1-based line number. A line that is not JSON, or that `visit` rejects
 * with a plain Error, is `InputError INPUT_BAD_JSON` at `where:line`
 * (`where` is the object's `s3://` URI); an `InputError` passes through.
 */
export function eachJsonLine(text: string, where: string, visit: (value: unknown, line: number) => void): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    try {
      visit(JSON.parse(line), i + 1);
    } catch (error) {
      if (isInputError(error)) throw error;
      const what = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      throw new InputError('INPUT_BAD_JSON', `${where}:${i + 1}: ${what}`, { cause: error, location: { file: where, line: i + 1 } });
    }
  }
}
