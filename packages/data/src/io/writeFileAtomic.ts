import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What {@link writeFileAtomic} writes: text (UTF-8), bytes, or chunks of either, in order. */
export type AtomicFileContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * How the temporary files of {@link writeFileAtomic} end (`<path>.<pid>.<random>.tmp`), so a folder
 * scan can skip them, and remove old ones as the left-overs of a crash.
 */
export const atomicTempSuffix = '.tmp';

/**
 * Writes a whole file or nothing: `content` goes to a temporary file beside `path` (same folder,
 * so the rename stays on one file system), which is fsynced, renamed over `path`, and then the
 * folder is fsynced (so the rename itself survives a power loss). Readers see the previous file
 * or the whole new one, never a part.
 *
 * On any failure (including an iterable that throws) the temporary file is removed, `path` is
 * left as it was, and the error is rethrown as it came (`ENOENT` when the folder does not exist:
 * it is not created).
 */
export async function writeFileAtomic(path: string, content: AtomicFileContent): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}${atomicTempSuffix}`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await writeFile(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r').catch(() => undefined);
  if (folder) {
    // Some platforms cannot fsync a folder; the data itself is already synced.
    await folder.sync().catch(() => undefined);
    await folder.close();
  }
}
