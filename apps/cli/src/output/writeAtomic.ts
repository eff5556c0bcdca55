import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '@driftwatch/core';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the
 * target, then is renamed over it, so readers never see half a report.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new InputError('INPUT_UNREADABLE', `cannot write ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
      cause,
      location: { file: path },
    });
  }
}
