import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isInputError, type TextColumn } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { openParquet } from './openParquet.js';
import { parquetPagesProblem } from './parquetPagesProblem.js';
import { readParquet } from './readParquet.js';

// The fuzz base file (pyarrow, uncompressed, 2 row groups of 10 rows). Column "note" has one data page per row
// group: at byte 261 (levels at 282: length 2, then an RLE run of 10 ones at 286–287) and at byte 623 (levels at
// 644, the run's value at byte 649).
const base = readFileSync(fileURLToPath(new URL('./__fixtures__/fuzz-base.parquet', import.meta.url)));
const tmp = tempFiles('dw-parquet-pages-');
afterAll(() => tmp.remove());

function withBytes(name: string, changes: Record<number, number>): string {
  const bytes = Uint8Array.from(base);
  for (const [offset, value] of Object.entries(changes)) bytes[Number(offset)] = value;
  return tmp.write(name, bytes);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isInputError(error), String(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected the read to fail');
}

describe('parquetPagesProblem', () => {
  it('finds nothing in an intact file', async () => {
    const pq = await openParquet(tmp.write('base.parquet', base));
    try {
      for (const group of [0, 1])
        expect(await parquetPagesProblem(pq, group, new Set(['i32', 'f64', 'city', 'note', 'flag']))).toBeUndefined();
    } finally {
      await pq.close();
    }
  });

  it('names the column and the page; only the columns asked for are walked', async () => {
    const pq = await openParquet(withBytes('level-2.parquet', { 649: 2 }));
    try {
      expect(await parquetPagesProblem(pq, 1, new Set(['note']))).toEqual({
        column: 'note',
        problem: "the page at byte 623 is damaged: its definition levels hold 2, above the column's maximum of 1",
      });
      expect(await parquetPagesProblem(pq, 1, new Set(['city', 'flag']))).toBeUndefined();
      expect(await parquetPagesProblem(pq, 0, new Set(['note']))).toBeUndefined();
    } finally {
      await pq.close();
    }
  });

  it('readParquet refuses the row group before decoding it (hyparquet would read the level as a missing value)', async () => {
    const file = withBytes('level-2-read.parquet', { 649: 2 });
    const error = await failure(readParquet(file, { schema: { columns: [{ name: 'note', kind: 'text' }] } }));
    expect(error.message).toBe(
      `${file}: row group 2 (rows 11–20), column "note": the page at byte 623 is damaged: its definition levels hold 2, above the column's maximum of 1`,
    );
  });

  it('the head read checks the pages of the rows it samples, and only those', async () => {
    const first = withBytes('head-1.parquet', { 287: 2 });
    const error = await failure(inferSchemaFromFile(first));
    expect(error.message).toBe(
      `${first}: row group 1 (rows 1–10), column "note": the page at byte 261 is damaged: its definition levels hold 2, above the column's maximum of 1`,
    );
    // Damage in row group 2 lies past a 10-row sample: the schema is inferred, the full read refuses it.
    const second = withBytes('head-2.parquet', { 649: 2 });
    const schema = await inferSchemaFromFile(second, { sampleRows: 10 });
    expect(schema.columns.find((c) => c.name === 'note')).toBeDefined();
    expect((await failure(readParquet(second, { sampleRows: 10 }))).message).toMatch(/row group 2 \(rows 11–20\), column "note"/);
  });
});

/** The base file with byte changes as the fuzz generator makes them (a negative value -1-b flips bit b). */
function mutated(name: string, changes: readonly (readonly [number, number])[]): string {
  const bytes = Uint8Array.from(base);
  for (const [offset, value] of changes) bytes[offset] = value >= 0 ? value : (bytes[offset] as number) ^ (1 << (-1 - value));
  return tmp.write(name, bytes);
}

// Seeds of a longer run of scripts/fuzz/make_parquet_corpus.py's mutations (seeds 240–1239, not committed), which
// pyarrow refuses and this reader read with wrong values, and a chunk type changed by hand (what pyarrow says).
describe('readParquet refuses what pyarrow refuses beyond the committed corpus', () => {
  const cases: readonly [string, readonly (readonly [number, number])[], string][] = [
    // pyarrow: "Dictionary page must be before data page" (the dictionary offset lost; hyparquet gave the indices as values).
    [
      'seed 801',
      [[863, -8]],
      'row group 1 (rows 1–10), column "i32": the page at byte 54 holds dictionary indices, but no dictionary page precedes it',
    ],
    [
      'seed 970',
      [
        [102, -3],
        [1081, 100],
      ],
      'row group 1 (rows 1–10), column "f64": the page at byte 90 holds dictionary indices, but no dictionary page precedes it',
    ],
    // pyarrow: "Column 3 named note expected length 10 but got length 2" (it stops at the chunk's value count).
    [
      'seed 1040',
      [
        [987, -5],
        [1018, -5],
      ],
      'damaged Parquet footer: row group 1, column "note": it holds 2 values for the row group\'s 10 rows',
    ],
    // pyarrow: "only plain dictionary encoding has been implemented".
    [
      'seed 1127',
      [
        [844, 87],
        [14, -8],
        [180, -1],
      ],
      'row group 1 (rows 1–10), column "i32": the page at byte 4 is a dictionary page in encoding 1152, not PLAIN',
    ],
    // pyarrow: "Invalid number of indices: 0" (a bit width of 0 read from the shifted bytes; hyparquet gave all index 0).
    [
      'seed 1134',
      [[248, -3]],
      'row group 1 (rows 1–10), column "city": the page at byte 229 is damaged: its dictionary indices hold 0 entries for the 9 values its header announces',
    ],
    // The chunk's type INT32 changed to BOOLEAN: pyarrow decodes by the schema's type, hyparquet by the chunk's.
    ['chunk type', [[839, 0]], 'damaged Parquet footer: row group 1, column "i32": its metadata gives the type BOOLEAN, the schema INT32'],
  ];
  it.each(cases)('%s', async (name, changes, expected) => {
    const file = mutated(`${name.replace(' ', '-')}.parquet`, changes);
    const error = await failure(
      readParquet(file, {
        schema: {
          columns: [
            { name: 'city', kind: 'categorical' },
            { name: 'note', kind: 'text' },
          ],
        },
      }),
    );
    expect(error.message).toBe(`${file}: ${expected}`);
  });
});

// A list column in v2 data pages (fuzz-nested-v2.parquet, same generator): 2 row groups of 10 rows; "tags" has one
// page per group, the second at byte 253 with its repetition levels (4 bytes) at 279.
describe('repetition levels and v2 pages', () => {
  const nested = readFileSync(fileURLToPath(new URL('./__fixtures__/fuzz-nested-v2.parquet', import.meta.url)));
  const nestedWith = (name: string, changes: readonly (readonly [number, number])[]) => {
    const bytes = Uint8Array.from(nested);
    for (const [offset, value] of changes) bytes[offset] = value >= 0 ? value : (bytes[offset] as number) ^ (1 << (-1 - value));
    return tmp.write(name, bytes);
  };
  const tags = (frame: ReadFrame) => (frame.columns.find((c) => c.name === 'tags') as unknown as TextColumn).values;

  it('reads the intact file, lists as JSON', async () => {
    const frame = await readParquet(nestedWith('nested.parquet', []));
    expect(tags(frame).slice(0, 4)).toEqual(['[]', '["t0"]', null, '["t0","t1","t2"]']);
  });

  it('refuses repetition levels that start more rows than the row group has (pyarrow: list offsets past the values)', async () => {
    // Seed 524 of the longer run: a byte of the bit-packed repetition levels changed, 11 rows start instead of 10.
    const file = nestedWith('rows.parquet', [[280, 40]]);
    const error = await failure(readParquet(file));
    expect(error.message).toBe(
      `${file}: row group 2 (rows 11–20), column "tags": its repetition levels start 11 rows, the row group has 10`,
    );
  });

  it('refuses a v2 page whose levels mark more values present than its header stores (stricter than pyarrow)', async () => {
    // num_nulls 4 -> 5 in the first "tags" page: pyarrow goes by the levels and reads it; hyparquet reads
    // num_values - num_nulls = 10 values for 11 present and gave row 10 as [null] instead of ["t0"].
    const file = nestedWith('nulls.parquet', [[16, 10]]);
    const error = await failure(readParquet(file));
    expect(error.message).toBe(
      `${file}: row group 1 (rows 1–10), column "tags": the page at byte 4 is damaged: its definition levels mark 11 values present, its header 10`,
    );
  });

  it('reads a v2 page whose header counts differ from its levels when pyarrow does (it goes by the levels)', async () => {
    // Seed 350 of the longer run: num_rows 10 -> 8 in a v2 header of "tags", and a value of "i32"'s header.
    const frame = await readParquet(
      nestedWith('header-rows.parquet', [
        [415, -6],
        [267, -3],
      ]),
    );
    expect(tags(frame)[10]).toBe('["t0","t1"]');
    expect(frame.rowCount).toBe(20);
  });
});
