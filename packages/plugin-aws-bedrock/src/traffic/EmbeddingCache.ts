import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What identifies one embedding: the model, its settings and the text. */
export interface EmbeddingKey {
  readonly modelId: string;
  readonly dimensions: number;
  readonly normalize: boolean;
  readonly text: string;
}

/**
 * A folder of embeddings, one file per (model, dimensions, normalize, SHA-256 of the text):
 * `embeddings/<2 hex>/<hash>.f32`, the vector as little-endian float32 (4 bytes × dimensions; 4 KB
 * for Titan's 1024). Writes go to a temporary file renamed into place, so a reader never sees
 * half a vector and two runs writing one key leave one whole vector. A file of the wrong size or
 * an unreadable one is a miss.
 */
export class EmbeddingCache {
  constructor(private readonly dir: string) {}

  /** The hex key of an embedding. */
  static key(key: EmbeddingKey): string {
    return createHash('sha256')
      .update(JSON.stringify({ op: 'embed', modelId: key.modelId, dimensions: key.dimensions, normalize: key.normalize, text: key.text }))
      .digest('hex');
  }

  /** The cached vector of `key` with `dimensions` values, or undefined. */
  async get(key: string, dimensions: number): Promise<Float32Array | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.#path(key));
    } catch {
      return undefined;
    }
    if (bytes.length !== dimensions * 4) return undefined;
    const out = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) out[i] = bytes.readFloatLE(i * 4);
    return out;
  }

  /** Stores `vector` under `key`, atomically. */
  async set(key: string, vector: Float32Array): Promise<void> {
    const bytes = Buffer.alloc(vector.length * 4);
    for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
    const path = this.#path(key);
    await mkdir(join(path, '..'), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, bytes);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  #path(key: string): string {
    return join(this.dir, 'embeddings', key.slice(0, 2), `${key}.f32`);
  }
}
