import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingCache } from './EmbeddingCache.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-emb-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EmbeddingCache', () => {
  it('keeps a vector as float32 and gives it back; a key differs by model, width, normalize and text', async () => {
    const cache = new EmbeddingCache(dir);
    const base = { modelId: 'amazon.titan-embed-text-v2:0', dimensions: 4, normalize: true, text: 'hello' };
    const key = EmbeddingCache.key(base);
    expect(await cache.get(key, 4)).toBeUndefined();
    const vector = Float32Array.from([0.5, -0.25, 1e-7, 3]);
    await cache.set(key, vector);
    expect(await cache.get(key, 4)).toEqual(vector);
    const keys = new Set([
      key,
      EmbeddingCache.key({ ...base, modelId: 'other' }),
      EmbeddingCache.key({ ...base, dimensions: 8 }),
      EmbeddingCache.key({ ...base, normalize: false }),
      EmbeddingCache.key({ ...base, text: 'hello ' }),
    ]);
    expect(keys.size).toBe(5);
    // Renamed into place: no temporary file is left.
    const shard = join(dir, 'embeddings', key.slice(0, 2));
    expect(await readdir(shard)).toEqual([`${key}.f32`]);
  });

  it('a file of the wrong size is a miss', async () => {
    const cache = new EmbeddingCache(dir);
    const key = EmbeddingCache.key({ modelId: 'm', dimensions: 4, normalize: true, text: 't' });
    await cache.set(key, Float32Array.from([1, 2, 3, 4]));
    expect(await cache.get(key, 8)).toBeUndefined();
    await writeFile(join(dir, 'embeddings', key.slice(0, 2), `${key}.f32`), 'half');
    expect(await cache.get(key, 4)).toBeUndefined();
  });
});
