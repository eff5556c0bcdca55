import { writeSync } from 'node:fs';
import { processRedactor } from './processRedactor.js';

/**
 * Writes a command's result to standard output, redacted as everything the process prints,
 * with `write(2)` on descriptor 1 rather than through `process.stdout`, whose creation for a
 * pipe loads `net` and the stream stack (see {@link onStdioCreated}). A reader that went away
 * (`EPIPE`) ends the output quietly, as `process.stdout`'s handler in main does; a descriptor
 * that would block (`EAGAIN`, non-blocking) gets the rest through `process.stdout`.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(processRedactor().text(text), 'utf8');
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at, bytes.length - at);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return;
    if (code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(at));
  }
}
