import type { NumericColumn } from '@driftwatch/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from './readCsv.js';
import { scanCsvNumberColumn } from './scanCsvNumberColumn.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

let n = 0;
const write = (content: string) => tmp.write(`s${n++}.csv`, content);

/** The column as the general reader gives it, read as numeric and strict (what `detect` asks for). */
async function general(path: string, column: string): Promise<number[]> {
  const frame = await readCsv(path, { schema: { columns: [{ name: column, kind: 'numeric' }] }, strict: true });
  return Array.from((frame.columns.find((c) => c.name === column) as NumericColumn).values);
}

/** The scan's blocks, concatenated, with each block's first row checked against the rows before it. */
function scan(path: string, column: string, blockBytes?: number): { plain: boolean; values: number[]; blocks: number } {
  const values: number[] = [];
  let blocks = 0;
  const plain = scanCsvNumberColumn(
    path,
    column,
    44,
    (block, count, firstRow) => {
      expect(firstRow).toBe(values.length);
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) values.push(block[i] as number);
      blocks++;
    },
    blockBytes === undefined ? {} : { blockBytes },
  );
  return { plain, values, blocks };
}

describe('scanCsvNumberColumn', () => {
  it('hands over the rows in blocks whatever the block size, a line split across reads included', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i},${((i * 7919) % 1000) / 7 - 50},k${i % 3}`);
    const path = write(`id,x,label\n${lines.join('\n')}\n`);
    const expected = await general(path, 'x');
    for (const blockBytes of [16, 17, 23, 64, 1000, 1 << 16]) {
      const r = scan(path, 'x', blockBytes);
      expect(r.plain).toBe(true);
      expect(r.values).toEqual(expected);
      if (blockBytes <= 64) expect(r.blocks).toBeGreaterThan(50);
    }
  });

  it('grows its buffer for a header or a line longer than a block', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `column_${i}`);
    const row = (i: number) => names.map((_, j) => (j === 33 ? `${i}.25` : `${i * j}`)).join(',');
    const path = write(`${names.join(',')}\n${[row(1), row(2), row(3)].join('\n')}`);
    const r = scan(path, 'column_33', 16);
    expect(r).toMatchObject({ plain: true, values: [1.25, 2.25, 3.25] });
  });

  it('matches readCsv on random one-column and three-column files at random block sizes', async () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(6)),
      fc.integer().map(String),
      fc.constantFrom('0', '1', '-0', '.5', '1.', '1e3', '-2.5E-3', '12345678901234567'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(value, { minLength: 1, maxLength: 120 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 16, max: 200 }),
        async (values, crlf, wide, finalEol, blockBytes) => {
          const eol = crlf ? '\r\n' : '\n';
          const body = wide ? values.map((v, i) => `${i},${v},z`) : values;
          const path = write(`${wide ? 'k,v,w' : 'v'}${eol}${body.join(eol)}${finalEol ? eol : ''}`);
          const r = scan(path, 'v', blockBytes);
          expect(r.plain).toBe(true);
          expect(r.values).toEqual(await general(path, 'v'));
        },
      ),
      { numRuns: 80, seed: 17 },
    );
  });

  it('reads a plain one-column line to the bit on either side of the 9 digits it sums as integers', () => {
    const digits = fc.stringMatching(/^[0-9]{0,12}$/);
    const line = fc
      .tuple(fc.boolean(), digits, fc.option(digits))
      .filter(([, whole, fraction]) => whole.length + (fraction?.length ?? 0) > 0)
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 16, max: 200 }),
        (lines, crlf, blockBytes) => {
          const eol = crlf ? '\r\n' : '\n';
          const r = scan(write(`x${eol}${lines.join(eol)}${eol}`), 'x', blockBytes);
          expect(r.plain).toBe(true);
          // toEqual compares numbers with Object.is: -0 is not 0.
          expect(r.values).toEqual(lines.map(Number));
        },
      ),
      { numRuns: 300, seed: 17 },
    );
    const edges = ['-0.000000', '999999999', '-99999.9999', '1000000000', '0.000000001', '0.0000000001', '-.5', '7.', '12'];
    expect(scan(write(`x\n${edges.join('\n')}\n`), 'x').values).toEqual(edges.map(Number));
  });

  it.each([
    ['a missing value', 'x\n1\n\n2\n'],
    ['a trailing blank line', 'x\n1\n2\n\n'],
    ['an NA marker', 'x\n1\nNA\n'],
    ['text after a number', 'x\n1.5kg\n'],
    ['a quoted value', 'x\n"1"\n'],
    ['too many fields in a one-column file', 'x\n1\n2,3\n'],
    ['a lone CR', 'x\r1\r2\r'],
    ['a header alone', 'x\n'],
    ['an empty file', ''],
  ])('answers false for %s, at any block size', (_what, text) => {
    const path = write(text);
    for (const blockBytes of [16, 1 << 16]) expect(scan(path, 'x', blockBytes).plain).toBe(false);
  });

  it('hands over the blocks before a line that is not plain (the caller discards them)', () => {
    const path = write(`x\n${Array.from({ length: 100 }, (_, i) => String(i)).join('\n')}\nNA\n`);
    const r = scan(path, 'x', 32);
    expect(r.plain).toBe(false);
    expect(r.blocks).toBeGreaterThan(0);
    expect(r.values).toEqual(Array.from({ length: r.values.length }, (_, i) => i));
  });

  it('answers false for a missing file and a folder, and lets an exception of the handler through', () => {
    expect(scan(`${write('x\n1\n')}.nope`, 'x').plain).toBe(false);
    expect(scan(tmp.dir, 'x').plain).toBe(false);
    const path = write('x\n1\n2\n');
    expect(() =>
      scanCsvNumberColumn(path, 'x', 44, () => {
        throw new Error('stop');
      }),
    ).toThrow('stop');
  });
});
