import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddingColumn, InputError } from '@driftwatch/core';
import { openDataSource } from '@driftwatch/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFrameSet } from './readFrameSet.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-embset-'));
});
async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}
const open = (path: string) => openDataSource(path);

describe('readFrameSet: embeddings as column groups', () => {
  it('reads emb_0 … emb_n (in index order, not file order) as one column, selected as one name', async () => {
    const ref = await file('r.csv', 'a,emb_1,emb_0,emb_10,emb_2,x_emb_3\n1,0.5,0.25,9,2,7\n2,1.5,1.25,8,3,6\n');
    const cur = await file('c.csv', 'a,emb_1,emb_0,emb_10,emb_2,x_emb_3\n3,4.5,4.25,5,6,7\n');
    const set = await readFrameSet(async (spec) => open(spec.path as string), {
      reference: { path: ref },
      current: { path: cur },
      drift: {},
      embeddings: { emb: { prefix: 'emb_' } },
    });
    expect(set.driftColumns).toEqual(['a', 'emb', 'x_emb_3']);
    const emb = set.reference?.columns.find((c) => c.name === 'emb') as EmbeddingColumn;
    expect(emb.dim).toBe(4);
    expect(Array.from(emb.values)).toEqual([0.25, 0.5, 2, 9, 1.25, 1.5, 3, 8]);
    expect(set.reference?.columns.map((c) => c.name)).toEqual(['a', 'emb', 'x_emb_3']);
    expect(Array.from((set.current.columns.find((c) => c.name === 'emb') as EmbeddingColumn).values)).toEqual([4.25, 4.5, 6, 5]);
  });

  it('a prefix that names no column, or a group name that is a column, is an input error', async () => {
    const ref = await file('r2.csv', 'a,emb_0\n1,2\n');
    const read = (embeddings: Record<string, { prefix: string }>) =>
      readFrameSet(async (spec) => open(spec.path as string), {
        reference: { path: ref },
        current: { path: ref },
        drift: {},
        embeddings,
      }).catch((e: InputError) => e);
    const none = (await read({ v: { prefix: 'vec_' } })) as InputError;
    expect(none.code).toBe('INPUT_UNKNOWN_COLUMN');
    expect(none.message).toBe(`${ref}: embedding "v": no columns named vec_0, vec_1, …`);
    const clash = (await read({ a: { prefix: 'emb_' } })) as InputError;
    expect(clash.message).toBe(`${ref}: embedding "a" has the name of a column of the data`);
  });
});
