import type { Redactor } from '@driftwatch/core';

type Write = NodeJS.WriteStream['write'];

/**
 * Passes every string written to `streams` (stdout, stderr) through the
 * redactor: the last guard, behind the redaction each output does itself, so a
 * secret echoed by a provider, a plugin or a stack trace never reaches the
 * terminal or a log collector. Returns the uninstaller.
 */
export function redactOutput(redactor: Redactor, streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): () => void {
  const originals = streams.map((stream) => {
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      const encoding = typeof rest[0] === 'string' ? rest[0].toLowerCase() : 'utf8';
      const text =
        typeof chunk === 'string' && (encoding === 'utf8' || encoding === 'utf-8')
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('utf8')
            : undefined;
      return (write as (...a: unknown[]) => boolean).call(this, text === undefined ? chunk : redactor.text(text), ...rest);
    } as Write;
    return { stream, write };
  });
  return () => {
    for (const { stream, write } of originals) stream.write = write;
  };
}
