import type { EmbeddingColumn, InputError } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from '../csv/readCsv.js';
import { readJsonl } from '../jsonl/readJsonl.js';
import { readParquet } from '../parquet/readParquet.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());
let n = 0;

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected the read to fail');
}

const emb = (columns: readonly { name: string }[]): EmbeddingColumn => columns.find((c) => c.name === 'emb') as EmbeddingColumn;

describe('embedding columns', () => {
  it('JSONL arrays are inferred as an embedding: rows × dim float64, row-major', async () => {
    const path = tmp.write(`t${n++}.jsonl`, '{"id": 1, "emb": [0.5, -1, 2e-3]}\n{"id": 2, "emb": [1.25, 0, 3]}\n');
    const frame = await readJsonl(path);
    const c = emb(frame.columns);
    expect(c.kind).toBe('embedding');
    expect(c.dim).toBe(3);
    expect(c.values).toBeInstanceOf(Float64Array);
    expect(Array.from(c.values)).toEqual([0.5, -1, 0.002, 1.25, 0, 3]);
  });

  it('JSONL: a ragged vector is an error naming file, line and column', async () => {
    const path = tmp.write(`t${n++}.jsonl`, '{"id": 1, "emb": [0.5, 1]}\n{"id": 2, "emb": [1, 2]}\n{"id": 3, "emb": [1, 2, 3]}\n');
    const e = await failure(readJsonl(path, { schema: { columns: [{ name: 'emb', kind: 'embedding' }] } }));
    expect(e.code).toBe('INPUT_INVALID_VALUE');
    expect(e.message).toBe(`${path}:3:11: embedding column "emb": the vector has 3 values but the first vector has 2 (ragged vectors)`);
  });

  it('JSONL: non-numeric, null inside and missing vectors are errors with their reason', async () => {
    const text = tmp.write(`t${n++}.jsonl`, '{"emb": [0.5, 1]}\n{"emb": [1, "x"]}\n');
    expect((await failure(readJsonl(text, { schema: { columns: [{ name: 'emb', kind: 'embedding' }] } }))).message).toMatch(
      /:2:2: embedding column "emb": the vector has a non-numeric value at index 1 \("x"\)/,
    );
    const nul = tmp.write(`t${n++}.jsonl`, '{"emb": [0.5, 1]}\n{"emb": [1, null]}\n');
    expect((await failure(readJsonl(nul, { schema: { columns: [{ name: 'emb', kind: 'embedding' }] } }))).message).toMatch(
      /:2:2: .*non-numeric value at index 1 \(null\)/,
    );
    const missing = tmp.write(`t${n++}.jsonl`, '{"emb": [0.5, 1]}\n{"emb": null}\n');
    expect((await failure(readJsonl(missing, { schema: { columns: [{ name: 'emb', kind: 'embedding' }] } }))).message).toMatch(
      /:2:2: .*is missing \(every row needs a vector\)/,
    );
  });

  it('CSV: a field holding a JSON array reads as a vector when declared', async () => {
    const path = tmp.write(`t${n++}.csv`, 'id,emb\n1,"[1, 2]"\n2,"[3.5, -4]"\n');
    const frame = await readCsv(path, { schema: { columns: [{ name: 'emb', kind: 'embedding' }] } });
    expect(Array.from(emb(frame.columns).values)).toEqual([1, 2, 3.5, -4]);
  });

  it('Parquet list<double> and fixed-size lists read as embeddings', async () => {
    const { readFileSync } = await import('node:fs');
    const file = new URL('../__fixtures__/embeddings.parquet', import.meta.url);
    const path = tmp.write(`t${n++}.parquet`, readFileSync(file));
    const frame = await readParquet(path);
    for (const name of ['emb', 'fixed']) {
      const c = frame.columns.find((x) => x.name === name) as EmbeddingColumn;
      expect(c.kind).toBe('embedding');
      expect(c.dim).toBe(4);
      expect(c.values.length).toBe(40);
      // Row r holds [r, r + 0.5, -r, r / 4] (make_embedding_parquet.py).
      expect(Array.from(c.values.subarray(12, 16))).toEqual([3, 3.5, -3, 0.75]);
    }
  });

  it('Parquet: a null, NaN or ragged list is an error naming the file and row', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [name, problem] of [
      ['embeddings-null', 'is missing (every row needs a vector)'],
      ['embeddings-nan', 'has NaN at index 1 (vectors must be finite)'],
      ['embeddings-ragged', 'has 1 values but the first vector has 2 (ragged vectors)'],
    ] as const) {
      const path = tmp.write(`t${n++}.parquet`, readFileSync(new URL(`../__fixtures__/${name}.parquet`, import.meta.url)));
      const e = await failure(readParquet(path));
      expect(e.message).toBe(`${path}:3: embedding column "emb": the vector ${problem}`);
    }
  });
});
