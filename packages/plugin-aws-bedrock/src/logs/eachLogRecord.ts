import { InputError, isInputError } from '@driftwatch/core';

/** `<ISO time> <message>`: a line of a CloudWatch Logs export (CreateExportTask) file. */
const exportLine = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\s+(\{.*)$/;

/**
 * Calls `visit` with each record of a log object's text and its 1-based
 * line number: JSON Lines as Bedrock writes to S3, or the lines of a
 * CloudWatch Logs export (`<ISO time> <JSON record>`). Empty lines are
 * skipped. A line that is neither, or whose record `visit` rejects with a
 * plain Error, is `InputError INPUT_BAD_JSON` at `where:line` (`where` is
 * the object's `s3://` URI); an `InputError` passes through.
 */
export async function eachLogRecord(
  text: string,
  where: string,
  visit: (value: unknown, line: number) => Promise<void> | void,
): Promise<void> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    try {
      const json = line.startsWith('{') ? line : exportLine.exec(line)?.[1];
      if (json === undefined) throw new Error('neither a JSON record nor a CloudWatch Logs export line (<ISO time> <JSON record>)');
      await visit(JSON.parse(json), i + 1);
    } catch (error) {
      if (isInputError(error)) throw error;
      const what = error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
      throw new InputError('INPUT_BAD_JSON', `${where}:${i + 1}: ${what}`, { cause: error, location: { file: where, line: i + 1 } });
    }
  }
}
