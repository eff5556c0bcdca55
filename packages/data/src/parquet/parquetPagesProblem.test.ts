import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isInputError } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
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
