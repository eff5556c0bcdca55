import type { CategoricalColumn, InputError, NumericColumn } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { ReadFrame } from '../ReadFrame.js';
import { readDataFile } from './readDataFile.js';
import { readDataFileBatches } from './readDataFileBatches.js';

const tmp = tempFiles('dw-batches-');
afterAll(() => tmp.remove());

const numericX = { columns: [{ name: 'x', kind: 'numeric' as const }] };

/** Every batch's columns copied and concatenated, as a caller that keeps them would. */
async function collect(path: string, batchRows: number, options = {}) {
  const values: number[] = [];
  const labels: (string | null)[] = [];
  const sizes: number[] = [];
  let invalid = 0;
  const rows = await readDataFileBatches(path, { chunkSize: 64, schema: numericX, ...options }, batchRows, (batch: ReadFrame) => {
    sizes.push(batch.rowCount);
    const x = batch.columns.find((c) => c.name === 'x') as NumericColumn;
    const city = batch.columns.find((c) => c.name === 'city') as CategoricalColumn;
    values.push(...x.values.subarray(0, batch.rowCount));
    labels.push(...Array.from(city.codes.subarray(0, batch.rowCount), (k) => (k < 0 ? null : city.dictionary[k])));
    invalid = x.invalid;
  });
  return { rows, values, labels, sizes, invalid };
}

describe('readDataFileBatches', () => {
  const lines = ['x,city'];
  for (let i = 0; i < 1000; i++) lines.push(`${i % 7 === 3 ? '' : i / 4},${['oslo', 'rome', 'NA', 'lima'][i % 4]}`);
  lines[501] = 'oops,rome';
  const csv = tmp.write('a.csv', `${lines.join('\n')}\n`);

  it('gives the rows of the whole read, in order, in batches of about batchRows', async () => {
    const whole = await readDataFile(csv, { schema: numericX });
    const got = await collect(csv, 100);
    expect(got.rows).toBe(1000);
    expect(got.sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.max(...got.sizes)).toBeLessThan(100 + 20); // a 64-byte chunk holds few rows
    expect(got.values).toEqual(Array.from((whole.columns[0] as NumericColumn).values));
    const city = whole.columns[1] as CategoricalColumn;
    expect(got.labels).toEqual(Array.from(city.codes, (k) => (k < 0 ? null : city.dictionary[k])));
    expect(got.invalid).toBe(1);
  });

  it("hands out views of the same arrays batch after batch (no copy a batch), each the batch's length", async () => {
    const scaled = tmp.write(
      'scaled.csv',
      `n,s,city\n${Array.from({ length: 900 }, (_, i) => `${i},${(i % 97) / 4},${['a', 'b'][i % 2]}`).join('\n')}\n`,
    );
    const seen: { n: ArrayBufferLike; s: ArrayBufferLike; city: ArrayBufferLike }[] = [];
    await readDataFileBatches(scaled, { chunkSize: 64, schema: { columns: [] } }, 40, (batch: ReadFrame) => {
      const [n, s, city] = batch.columns as unknown as readonly [NumericColumn, NumericColumn, CategoricalColumn];
      for (const c of [n, s]) expect((c.scaled?.ints ?? c.values).length).toBe(batch.rowCount);
      expect(city.codes.length).toBe(batch.rowCount);
      seen.push({ n: (n.scaled?.ints ?? n.values).buffer, s: (s.scaled?.ints ?? s.values).buffer, city: city.codes.buffer });
    });
    expect(seen.length).toBeGreaterThan(10);
    // Past the first batches (the builders grow while rows per batch settle), every batch reuses the buffers.
    const last = seen[seen.length - 1];
    expect(seen.slice(-5).every((b) => b.n === last?.n && b.s === last?.s && b.city === last?.city)).toBe(true);
  });

  it('reads JSON Lines too', async () => {
    const path = tmp.write(
      'a.jsonl',
      `${Array.from({ length: 300 }, (_, i) => JSON.stringify({ x: i, city: i % 2 ? 'a' : 'b' })).join('\n')}\n`,
    );
    const got = await collect(path, 64);
    expect(got.rows).toBe(300);
    expect(got.values).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('locates errors by file line as the whole read does, in any batch', async () => {
    const error = (await collect(csv, 50, { strict: true }).catch((e) => e)) as InputError;
    expect(error.message).toMatch(/a\.csv:502:1/);
    const empty = tmp.write('empty.csv', 'x,city\n');
    await expect(collect(empty, 50)).rejects.toThrow(/header but no data rows/);
  });
});
