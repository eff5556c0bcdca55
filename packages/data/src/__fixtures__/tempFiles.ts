import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder for test inputs under `os.tmpdir()`. */
export interface TempFiles {
  readonly dir: string;
  /** Writes `name` with `content` and returns its path. */
  write(name: string, content: string | Uint8Array): string;
  /** Removes the folder. */
  remove(): void;
}

export function tempFiles(prefix = 'dw-data-'): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
