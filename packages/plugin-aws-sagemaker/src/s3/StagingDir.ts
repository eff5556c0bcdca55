import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary folder that keeps what a data source downloaded between its
 * schema read and its full read, so a run fetches each object once. Each
 * file is made once by its maker and reused until {@link close}, which
 * removes the folder (the full read calls it; so does the run pipeline).
 */
export class StagingDir {
  #dir: Promise<string> | undefined;
  readonly #files = new Map<string, Promise<string>>();

  /** The file `name` in the folder, made by `make(path)` on first use; a failed make is forgotten, so a retry makes it again. */
  file(name: string, make: (path: string) => Promise<void>): Promise<string> {
    let staged = this.#files.get(name);
    if (!staged) {
      staged = (async () => {
        this.#dir ??= mkdtemp(join(tmpdir(), 'driftwatch-s3-'));
        const path = join(await this.#dir, name);
        await make(path);
        return path;
      })();
      this.#files.set(name, staged);
      staged.catch(() => this.#files.delete(name));
    }
    return staged;
  }

  /** Removes the folder and everything in it. Idempotent. */
  async close(): Promise<void> {
    const dir = this.#dir;
    this.#dir = undefined;
    this.#files.clear();
    if (dir) await rm(await dir, { recursive: true, force: true });
  }
}
