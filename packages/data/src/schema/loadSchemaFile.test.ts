import type { InputError } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { loadSchemaFile } from './loadSchemaFile.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());
let n = 0;
const write = (content: string) => tmp.write(`s${n++}.json`, content);

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected loading to fail');
}

describe('loadSchemaFile', () => {
  it('reads the list form and the shorthand', async () => {
    const list = write(
      JSON.stringify({
        columns: [
          { name: 'age', kind: 'numeric', role: 'feature' },
          { name: 'id', kind: 'text', role: 'id' },
          { name: 'zip', kind: 'categorical' },
        ],
      }),
    );
    expect(await loadSchemaFile(list)).toEqual({
      columns: [
        { name: 'age', kind: 'numeric', role: 'feature' },
        { name: 'id', kind: 'text', role: 'id' },
        { name: 'zip', kind: 'categorical' },
      ],
    });
    const short = write(JSON.stringify({ columns: { age: 'numeric', id: { kind: 'text', role: 'ignored' } } }));
    expect(await loadSchemaFile(short)).toEqual({
      columns: [
        { name: 'age', kind: 'numeric' },
        { name: 'id', kind: 'text', role: 'ignored' },
      ],
    });
  });

  it('names the file and the JSON path of every problem', async () => {
    const path = write(
      JSON.stringify({ columns: [{ name: 'age', kind: 'nmeric' }, { kind: 'text' }, { name: 'x', kind: 'text', role: 'boss', extra: 1 }] }),
    );
    const e = await failure(loadSchemaFile(path));
    expect(e.code).toBe('INPUT_BAD_SCHEMA');
    expect(e.message).toBe(
      `${path}: columns[0].kind: unknown kind "nmeric" (known: numeric, categorical, boolean, datetime, text, embedding); ` +
        'columns[1].name: expected the column name as a string; ' +
        'columns[2].role: unknown role "boss" (known: feature, target, prediction, probability, timestamp, id, ignored); ' +
        'columns[2]: Unrecognized key: "extra"',
    );
    const short = write(JSON.stringify({ columns: { age: 'numbr', 'a b': { kind: 'text', role: 'x' } } }));
    expect((await failure(loadSchemaFile(short))).message).toBe(
      `${short}: columns.age: unknown kind "numbr" (known: numeric, categorical, boolean, datetime, text, embedding); columns["a b"]: expected a kind or { "kind", "role" }`,
    );
  });

  it('reports a missing columns key, duplicate columns, bad JSON and a missing file', async () => {
    const none = write('{"colums": {}}');
    expect((await failure(loadSchemaFile(none))).message).toBe(`${none}: columns: required; (root): Unrecognized key: "colums"`);
    const dup = write(
      JSON.stringify({
        columns: [
          { name: 'a', kind: 'text' },
          { name: 'a', kind: 'numeric' },
        ],
      }),
    );
    expect((await failure(loadSchemaFile(dup))).message).toBe(`${dup}: columns[1].name: duplicate column "a" (also columns[0])`);
    const bad = write('{\n  "columns": {\n    "a": numeric\n  }\n}');
    const e = await failure(loadSchemaFile(bad));
    expect(e.code).toBe('INPUT_BAD_SCHEMA');
    expect(e.message).toBe(`${bad}:3:10: invalid JSON: unexpected "numeric", expected a value`);
    expect((await failure(loadSchemaFile(`${tmp.dir}/none.json`))).code).toBe('INPUT_NOT_FOUND');
  });
});
