import type { Redactor } from '@driftwatch/core';
import { onStdioCreated, type StdioName } from './onStdioCreated.js';

type Write = NodeJS.WriteStream['write'];

/**
 * Passes every string written to `process.stdout` and `process.stderr` through the redactor:
 * the last guard, behind the redaction each output does itself, so a secret echoed by a
 * provider, a plugin or a stack trace never reaches the terminal or a log collector. A stream is
 * guarded when it is first used (see {@link onStdioCreated}), so a command that never touches
 * one does not create it. Returns the uninstaller.
 */
export function redactOutput(redactor: Redactor, names: readonly StdioName[] = ['stdout', 'stderr']): () => void {
  const patched: { stream: NodeJS.WriteStream; write: Write }[] = [];
  const unhook = names.map((name) =>
    onStdioCreated(name, (stream) => {
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
      patched.push({ stream, write });
    }),
  );
  return () => {
    for (const undo of unhook.reverse()) undo();
    for (const { stream, write } of patched) stream.write = write;
  };
}
