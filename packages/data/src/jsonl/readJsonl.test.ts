import type { CategoricalColumn, InputError, NumericColumn, TextColumn } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readJsonl } from './readJsonl.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());
let n = 0;
const write = (content: string | Uint8Array) => tmp.write(`t${n++}.jsonl`, content);

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected the read to fail');
}

describe('readJsonl', () => {
  it('reads numbers, strings, booleans and nulls; a missing key is missing', async () => {
    const path = write(
      [
        '{"x": 1.5, "city": "Paris", "ok": true, "at": "2024-01-01T00:00:00Z", "note": {"a": 1}}',
        '',
        '{"x": -2, "city": "NA", "ok": false, "at": null, "note": "free"}\r',
        '{"city": "Rome", "ok": "TRUE", "at": 1700000000000, "note": null}',
      ].join('\n'),
    );
    const frame = await readJsonl(path, {
      schema: {
        columns: [
          { name: 'note', kind: 'text' },
          { name: 'at', kind: 'datetime' },
        ],
      },
    });
    expect(frame.rowCount).toBe(3);
    expect(frame.columns.map((c) => [c.name, c.kind])).toEqual([
      ['x', 'numeric'],
      ['city', 'categorical'],
      ['ok', 'boolean'],
      ['at', 'datetime'],
      ['note', 'text'],
    ]);
    expect(Array.from((frame.columns[0] as NumericColumn).values)).toEqual([1.5, -2, Number.NaN]);
    const city = frame.columns[1] as CategoricalColumn;
    expect(Array.from(city.codes, (k) => (k < 0 ? null : city.dictionary[k]))).toEqual(['Paris', null, 'Rome']);
    expect(Array.from((frame.columns[2] as CategoricalColumn).codes)).toEqual([1, 0, 1]);
    expect(Array.from((frame.columns[3] as NumericColumn).values)).toEqual([Date.UTC(2024, 0, 1), Number.NaN, 1700000000000]);
    expect((frame.columns[4] as TextColumn).values).toEqual(['{"a":1}', 'free', null]);
  });

  it('counts invalid values with their line and key column, or fails with strict', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: i, x: i }));
    rows.push('{"id": 5, "x": "abc"}', '{"id": 6, "x": true}');
    const path = write(rows.join('\n'));
    const frame = await readJsonl(path, { sampleRows: 5 });
    const x = frame.columns[1] as NumericColumn & { invalidSamples: unknown };
    expect(x.invalid).toBe(2);
    expect(x.invalidSamples).toEqual([
      { line: 6, column: 11, fieldNumber: 2, field: 'x', text: 'abc' },
      { line: 7, column: 11, fieldNumber: 2, field: 'x', text: 'true' },
    ]);
    const e = await failure(readJsonl(path, { sampleRows: 5, strict: true }));
    expect(e.code).toBe('INPUT_INVALID_VALUE');
    expect(e.message).toBe(`${path}:6:11: column "x": "abc" is not a valid numeric value`);
  });

  it.each([
    ['malformed JSON', '{"a": 1}\n{"a": }\n', 'INPUT_BAD_JSON', ':2:7: invalid JSON: unexpected "}", expected a value'],
    ['an unterminated object', '{"a": 1}\n{"a": 1\n', 'INPUT_BAD_JSON', ':2:8: invalid JSON: unexpected end of line, expected "," or "}"'],
    ['trailing text', '{"a": 1} x\n', 'INPUT_BAD_JSON', ':1:10: invalid JSON: unexpected "x" after the JSON value'],
    ['a line that is not an object', '{"a": 1}\n  [1, 2]\n', 'INPUT_BAD_JSON', ':2:3: expected a JSON object, found an array'],
    [
      'an extra key',
      '{"a": 1}\n{"a": 2, "b": 3}\n',
      'INPUT_COLUMNS_MISMATCH',
      ':2:10: unexpected key "b" (the columns are the first object\'s keys: a)',
    ],
    ['an empty file', '\n \n', 'INPUT_EMPTY', ': file is empty'],
    [
      'bytes that are not UTF-8',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      'INPUT_NOT_UTF8',
      ':1:7: invalid UTF-8 (byte 0xff); the file must be UTF-8 encoded',
    ],
  ])('reports %s', async (_what, content, code, suffix) => {
    const path = write(content);
    for (const chunkSize of [1, 7, 1 << 20]) {
      const e = await failure(readJsonl(path, { chunkSize }));
      expect(e.code).toBe(code);
      expect(e.message).toBe(path + suffix);
    }
  });

  it('gives identical frames for every chunk size', async () => {
    const path = write('{"a": 1, "b": "é€😀"}\n{"a": 2.5e3, "b": "x"}\r\n\n{"a": null, "b": "é€😀"}');
    const reference = await readJsonl(path);
    expect(reference.rowCount).toBe(3);
    for (let chunkSize = 1; chunkSize <= 40; chunkSize++) expect(await readJsonl(path, { chunkSize })).toEqual(reference);
  });
});
