import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from '../csv/readCsv.js';
import { readJsonl } from '../jsonl/readJsonl.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

type Numeric = { kind: 'numeric'; name: string; values: Float64Array; finite?: boolean };
const numeric = (columns: readonly { kind: string }[]) => columns.filter((c): c is Numeric => c.kind === 'numeric');

describe("a numeric column's finite flag", () => {
  it('is set when the reader stored only finite values, on its fast path and its general path', async () => {
    const file = tmp.write('plain.csv', 'a,b,label\n1,2.5,x\n-3,"4",y\n5e3,.5,z\n');
    const frame = await readCsv(file);
    expect(numeric(frame.columns).map((c) => [c.name, c.finite])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });

  it("is set on columns whose records the reader's chunks cut anywhere", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${(i * 0.37).toFixed(3)},${-i}`);
    const file = tmp.write('cut.csv', `a,b,c\n${rows.join('\n')}\n`);
    for (const chunkSize of [5, 6, 7, 11, 64, 1000]) {
      const frame = await readCsv(file, { chunkSize });
      expect(numeric(frame.columns).map((c) => c.finite)).toEqual([true, true, true]);
    }
  });

  it.each([
    ['a missing marker', 'a,b\n1,2\nNA,3\n'],
    ['an empty field', 'a,b\n1,2\n,3\n'],
    ['a quoted missing marker', 'a,b\n1,2\n"NA",3\n'],
    ['an infinity', 'a,b\n1,2\ninf,3\n'],
    ['a number beyond the doubles', 'a,b\n1,2\n1e400,3\n'],
    ['a quoted infinity', 'a,b\n1,2\n"-Infinity",3\n'],
    ['a NaN spelling', 'a,b\n1,2\nnan,3\n'],
  ])('is not set on a column holding %s', async (_, text) => {
    const frame = await readCsv(tmp.write('x.csv', text));
    const [a, b] = numeric(frame.columns);
    expect(a?.finite).toBeUndefined();
    // The other column's values are all finite; the flag may be left off it (an infinity on the fast path marks every column), never set wrongly.
    expect(b?.values.every(Number.isFinite)).toBe(true);
  });

  it('is never set on a column holding a missing or infinite value (random files)', async () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String),
      fc.integer({ min: -99, max: 99 }).map(String),
      fc.constantFrom('', 'NA', 'inf', '-inf', '1e999', 'nan', '"7"', '"NaN"', 'x'),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }), async (rows) => {
        const text = `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;
        const frame = await readCsv(tmp.write(`r${n++}.csv`, text), {
          schema: { columns: ['a', 'b', 'c'].map((name) => ({ name, kind: 'numeric' as const })) },
        });
        for (const c of numeric(frame.columns)) {
          const allFinite = c.values.every(Number.isFinite);
          if (c.finite === true) expect(allFinite).toBe(true);
          // Where no value anywhere is infinite, the flag is exact.
          if (!text.includes('inf') && !text.includes('e999')) expect(c.finite === true).toBe(allFinite);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows the values of a JSON Lines file', async () => {
    const frame = await readJsonl(tmp.write('a.jsonl', '{"a": 1, "b": 2}\n{"a": 2.5, "b": null}\n'));
    expect(numeric(frame.columns).map((c) => [c.name, c.finite])).toEqual([
      ['a', true],
      ['b', undefined],
    ]);
  });
});
