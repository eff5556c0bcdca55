import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CategoricalColumn, DatetimeColumn, InputError, NumericColumn, TextColumn } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { readParquet } from './readParquet.js';

// Made by scripts/make_parquet_fixtures.py (pyarrow): 300 rows, row groups of 128.
const fixture = (name: string) => fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));
const tmp = tempFiles();
afterAll(() => tmp.remove());

const col = <T>(frame: ReadFrame, name: string) => frame.columns.find((c) => c.name === name) as unknown as T;

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    return error as InputError;
  }
  throw new Error('expected the read to fail');
}

describe('readParquet', () => {
  it('maps every Parquet type to a kind, over several row groups, with nulls', async () => {
    const progress: number[] = [];
    const frame = await readParquet(fixture('kinds.parquet'), { onProgress: (r) => progress.push(r) });
    expect(frame.rowCount).toBe(300);
    expect(frame.columns.map((c) => [c.name, c.kind])).toEqual([
      ['i32', 'numeric'],
      ['i64', 'numeric'],
      ['f32', 'numeric'],
      ['f64', 'numeric'],
      ['flag', 'boolean'],
      ['city', 'categorical'],
      ['note', 'text'],
      ['day', 'datetime'],
      ['ts_ms', 'datetime'],
      ['ts_us', 'datetime'],
      ['amount', 'numeric'],
      ['tags', 'text'],
    ]);
    const i32 = col<NumericColumn>(frame, 'i32').values;
    expect(i32[0]).toBe(-100);
    expect(i32[7]).toBeNaN();
    expect(i32[299]).toBe(199);
    expect(col<NumericColumn>(frame, 'i64').values[299]).toBe(299 * 1_000_000_007);
    expect(col<NumericColumn>(frame, 'f32').values[5]).toBe(1.25);
    expect(col<NumericColumn>(frame, 'f64').values[3]).toBeNaN();
    expect(col<NumericColumn>(frame, 'f64').values[200]).toBe((200 - 150) / 7);
    const flag = col<CategoricalColumn>(frame, 'flag');
    expect(flag.dictionary).toEqual(['false', 'true']);
    expect(Array.from(flag.codes.slice(0, 6))).toEqual([1, 0, 0, 1, 0, -1]);
    const city = col<CategoricalColumn>(frame, 'city');
    expect(city.dictionary).toEqual(['Paris', 'Rome', 'Oslo']);
    expect(city.codes[9]).toBe(-1);
    expect(city.codes[130]).toBe(130 % 3);
    expect(col<TextColumn>(frame, 'note').values[250]).toBe('note number 250');
    expect(col<DatetimeColumn>(frame, 'day').values[31]).toBe(Date.UTC(2024, 1, 1));
    expect(col<DatetimeColumn>(frame, 'ts_ms').values[150]).toBe(Date.UTC(2024, 0, 1, 2, 30));
    expect(col<DatetimeColumn>(frame, 'ts_us').values[2]).toBe(Date.UTC(2024, 0, 1, 0, 0, 2) + 0.5);
    expect(col<NumericColumn>(frame, 'amount').values[0]).toBeNaN();
    expect(col<NumericColumn>(frame, 'amount').values[4]).toBe(100);
    expect(col<TextColumn>(frame, 'tags').values[3]).toBe('[3,4]');
    expect(progress.length).toBe(3);
  });

  it('reads uncompressed and zstd files', async () => {
    const plain = await readParquet(fixture('plain-uncompressed.parquet'));
    expect(plain.columns.map((c) => c.name)).toEqual(['i32', 'f64', 'city']);
    const zstd = await readParquet(fixture('zstd.parquet'));
    expect(zstd.rowCount).toBe(300);
    expect(col<NumericColumn>(zstd, 'f64').values[200]).toBe((200 - 150) / 7);
  });

  it('applies a schema: forced kinds, ignored columns, invalid values counted or strict', async () => {
    const schema = {
      columns: [
        { name: 'note', kind: 'numeric' as const },
        { name: 'tags', kind: 'text' as const, role: 'ignored' as const },
        { name: 'i32', kind: 'categorical' as const },
      ],
    };
    const frame = await readParquet(fixture('kinds.parquet'), { schema, maxInvalidSamples: 2 });
    expect(frame.columns.some((c) => c.name === 'tags')).toBe(false);
    const note = col<NumericColumn & { invalidSamples: unknown }>(frame, 'note');
    expect(note.invalid).toBe(300);
    expect(note.invalidSamples).toEqual([
      { line: 1, column: 0, fieldNumber: 7, field: 'note', text: 'note number 0' },
      { line: 2, column: 0, fieldNumber: 7, field: 'note', text: 'note number 1' },
    ]);
    expect(col<CategoricalColumn>(frame, 'i32').dictionary.slice(0, 2)).toEqual(['-100', '-99']);
    const e = await failure(readParquet(fixture('kinds.parquet'), { schema, strict: true }));
    expect(e.code).toBe('INPUT_INVALID_VALUE');
    expect(e.message).toBe(`${fixture('kinds.parquet')}: row 1, column "note": "note number 0" is not a valid numeric value`);
  });

  it('infers the schema from the footer and the head of string columns', async () => {
    const schema = await inferSchemaFromFile(fixture('kinds.parquet'), { schema: { columns: [{ name: 'note', kind: 'categorical' }] } });
    expect(schema.columns.find((c) => c.name === 'note')?.kind).toBe('categorical');
    expect(schema.columns.find((c) => c.name === 'city')?.kind).toBe('categorical');
  });

  it.each([
    [
      'a CSV file',
      'a,b,c\n1,2,3\n4,5,6\n',
      'INPUT_BAD_PARQUET',
      ': not a Parquet file, or its footer is damaged (file invalid (footer != PAR1))',
    ],
    ['a tiny file', 'PAR1', 'INPUT_BAD_PARQUET', ': not a Parquet file (4 bytes is too short)'],
    ['an empty file', '', 'INPUT_EMPTY', ': file is empty'],
  ])('reports %s', async (what, content, code, suffix) => {
    const path = tmp.write(`${what.replaceAll(' ', '-')}.parquet`, content);
    const e = await failure(readParquet(path));
    expect(e.code).toBe(code);
    expect(e.message).toBe(path + suffix);
  });

  it('reports a file without rows and a missing file', async () => {
    const e = await failure(readParquet(fixture('empty.parquet')));
    expect(e.code).toBe('INPUT_NO_ROWS');
    expect((await failure(readParquet(`${tmp.dir}/none.parquet`))).code).toBe('INPUT_NOT_FOUND');
  });
});

describe('readParquet on damaged files (issue 12.9)', () => {
  // fuzz-base.parquet (scripts/fuzz/make_parquet_corpus.py): byte 257 is in the first data page of the
  // dictionary-encoded "city"; 0xff there makes its first index point past the 3-entry dictionary, which
  // pyarrow refuses ("Index not in dictionary bounds") and hyparquet decodes as undefined (read as missing before).
  const damaged = (changes: readonly (readonly [number, number])[]) => {
    const bytes = Uint8Array.from(readFileSync(fileURLToPath(new URL('./__fixtures__/fuzz-base.parquet', import.meta.url))));
    for (const [offset, value] of changes) bytes[offset] = value >= 0 ? value : (bytes[offset] as number) ^ (1 << (-1 - value));
    return tmp.write(`damaged-${changes.map((c) => c.join('-')).join('_')}.parquet`, bytes);
  };

  it('refuses a dictionary index outside the dictionary, naming row group, rows, column and row', async () => {
    const file = damaged([[257, 0xff]]);
    const e = await failure(readParquet(file));
    expect(e.code).toBe('INPUT_BAD_PARQUET');
    expect(e.message).toBe(
      `${file}: row group 1 (rows 1–10), column "city": the value of row 1 cannot be decoded (an index outside the column's dictionary)`,
    );
    expect(e.location).toMatchObject({ file, field: 'city' });
  });

  it('words damage the JavaScript engine trips over in plain words, and checks the footer layout first', async () => {
    // Seeds 0, 7 and 33 of the corpus (a negative value -1-b flips bit b): TypeError and RangeError text before.
    const seeds = [
      [
        [434, 248],
        [314, -6],
        [227, -5],
      ],
      [
        [408, -2],
        [100, 29],
      ],
      [
        [985, -5],
        [549, -3],
        [635, -6],
        [544, 144],
      ],
    ] as const;
    for (const changes of seeds) {
      const file = damaged(changes);
      const e = await failure(readParquet(file));
      expect(e.code, JSON.stringify(changes)).toBe('INPUT_BAD_PARQUET');
      expect(e.message.startsWith(`${file}: `)).toBe(true);
      expect(e.message).not.toMatch(/Cannot read properties|undefined|Invalid typed array length/);
    }
  });
});
