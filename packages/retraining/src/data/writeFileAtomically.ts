import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `chunks` to `path` atomically: into a temporary file beside it (same folder, so the
 * rename stays on one file system), flushed to disk, then renamed over `path`. Readers see the
 * previous file or the whole new one, never a part. On any failure (including a throwing source)
 * the temporary file is removed, `path` is left as it was, and the error is rethrown.
 */
export async function writeFileAtomically(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    try {
      for await (const chunk of chunks) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
