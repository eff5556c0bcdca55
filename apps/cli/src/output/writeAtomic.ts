import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';

/**
 * Writes an output file (`--output`) whole or not at all, with
 * `@driftwatch/data`'s {@link writeFileAtomic}, creating its folder first; a
 * failure is an {@link InputError} naming the file.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, text);
  } catch (cause) {
    throw new InputError('INPUT_UNREADABLE', `cannot write ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      cause,
      location: { file: path },
    });
  }
}
