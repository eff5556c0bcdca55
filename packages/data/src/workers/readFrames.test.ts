import { InputError } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from '../csv/readCsv.js';
import { readDataFile } from '../source/readDataFile.js';
import { readFrames } from './readFrames.js';
import { reviveError, serializeError } from './serializeError.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

function csv(rows: number, shift: number): string {
  const lines = ['x,city,flag,note'];
  for (let i = 0; i < rows; i++) lines.push(`${(i * 0.37 + shift).toFixed(3)},${['Paris', 'Rome', 'Oslo'][i % 3]},${i % 2 === 0},"n ${i}"`);
  return `${lines.join('\n')}\n`;
}

describe('readFrames', () => {
  it('reads files on worker threads into the same frames as the in-process reader, moving the arrays', async () => {
    const ref = tmp.write('ref.csv', csv(5000, 0));
    const cur = tmp.write('cur.csv', csv(4000, 1).replace('n 17', 'NA'));
    const jsonl = tmp.write('j.jsonl', '{"x": 1, "city": "Paris", "flag": true, "note": "a"}\n');
    const progress: [number, number, number | undefined][] = [];
    const frames = await readFrames([ref, cur, jsonl], { onProgress: (i, r, t) => progress.push([i, r, t]) });
    const schema = { columns: frames[0].columns.map((c) => ({ name: c.name, kind: c.kind })) };
    expect(frames[0]).toEqual(await readCsv(ref));
    expect(frames[1]).toEqual(await readCsv(cur, { schema }));
    expect(frames[2]).toEqual(await readDataFile(jsonl, { schema }));
    expect(frames.map((f) => f.rowCount)).toEqual([5000, 4000, 1]);
    // One schema for all: inferred from the first file's head.
    expect(frames[1].columns.map((c) => c.kind)).toEqual(frames[0].columns.map((c) => c.kind));
    expect(new Set(progress.map(([i]) => i))).toEqual(new Set([0, 1, 2]));
  });

  it('rebuilds an InputError thrown in a worker with its class, code, message and location', async () => {
    const good = tmp.write('good.csv', csv(10, 0));
    const bad = tmp.write('bad.csv', 'a,b\n1,2\n3\n');
    const error = await readFrames([good, bad], { schema: { columns: [] }, concurrency: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.code).toBe('INPUT_FIELD_COUNT');
    expect(e.message).toBe(`${bad}:3: expected 2 fields, found 1`);
    expect(e.location).toEqual({ file: bad, line: 3, column: undefined, field: undefined });
  });

  it('rejects a missing file with INPUT_NOT_FOUND', async () => {
    await expect(readFrames([`${tmp.dir}/missing.csv`])).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND', name: 'InputError' });
  });
});

describe('serializeError / reviveError', () => {
  it('round-trips InputError and plain errors', () => {
    const input = new InputError('INPUT_BAD_JSON', 'f.jsonl:2:3: invalid JSON', { location: { file: 'f.jsonl', line: 2, column: 3 } });
    const back = reviveError(structuredClone(serializeError(input)));
    expect(back).toBeInstanceOf(InputError);
    expect(back).toMatchObject({ code: 'INPUT_BAD_JSON', message: input.message, location: input.location, name: 'InputError' });
    const plain = reviveError(structuredClone(serializeError(new TypeError('boom'))));
    expect(plain.message).toBe('boom');
    expect(plain.name).toBe('TypeError');
  });
});
