import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A folder of cached model responses, one JSON file per key: the SHA-256 of the request's
 * canonical JSON (model, parameters, system prompt, messages — or embedding model, dimensions,
 * text). Writes go to a temporary file renamed into place, so a reader never sees half a file
 * and two runs writing the same key leave one whole answer. An unreadable entry is a miss.
 */
export class ResponseCache {
  constructor(private readonly dir: string) {}

  /** The key of a request: hex SHA-256 of its JSON. */
  static key(request: unknown): string {
    return createHash('sha256').update(JSON.stringify(request)).digest('hex');
  }

  /** The cached value of `key`, or undefined. */
  async get<T>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Stores `value` under `key`, atomically. */
  async set(key: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${key}.${randomUUID()}.tmp`);
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, this.path(key));
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}
