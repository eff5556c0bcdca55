import type { NumericColumn } from '@driftwatch/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from './readCsv.js';
import { readCsvNumberColumn } from './readCsvNumberColumn.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

let n = 0;
const write = (content: string | Uint8Array, ext = 'csv') => tmp.write(`n${n++}.${ext}`, content);

/** The column as the general reader gives it, read as numeric and strict (what `detect` asks for). */
async function general(path: string, column: string): Promise<Float64Array> {
  const frame = await readCsv(path, { schema: { columns: [{ name: column, kind: 'numeric' }] }, strict: true });
  return (frame.columns.find((c) => c.name === column) as NumericColumn).values;
}

describe('readCsvNumberColumn', () => {
  it('reads the column of a plain CSV to the same values as readCsv, bit for bit', async () => {
    const text = 'id,x,label\n1,1.5,a\n2,-2,b\n3,1e-7,c\n4,0.1,d\n5,-0,e\n6,123456789012345678,f\n7,2.2250738585072014e-308,g\n8,inf,h\n';
    const path = write(text);
    const fast = await readCsvNumberColumn(path, 'x', 44);
    expect(fast).toBeDefined();
    expect(Array.from(fast as Float64Array)).toEqual([
      1.5,
      -2,
      1e-7,
      0.1,
      -0,
      Number('123456789012345678'),
      2.2250738585072014e-308,
      Infinity,
    ]);
    expect(Object.is((fast as Float64Array)[4], -0)).toBe(true);
    expect(Array.from(fast as Float64Array)).toEqual(Array.from(await general(path, 'x')));
    expect(Array.from((await readCsvNumberColumn(path, 'id', 44)) as Float64Array)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('reads every spelling of a number as readCsv does: signs, bare points, leading zeros, exponents, long mantissas', async () => {
    const spellings = [
      '+1.5',
      '.5',
      '-.25',
      '1.',
      '-0.0',
      '007.50',
      '0.1000000000000000055511151231257827',
      '1e3',
      '-2.5E-3',
      '12345678901234567',
      '123456789012345.6',
      '-Infinity',
      '9007199254740993',
    ];
    const path = write(`x\n${spellings.join('\n')}\n`);
    const fast = Array.from((await readCsvNumberColumn(path, 'x', 44)) as Float64Array);
    expect(fast).toEqual(spellings.map(Number));
    expect(fast).toEqual(Array.from(await general(path, 'x')));
    expect(Object.is(fast[4], -0)).toBe(true);
  });

  it('reads CRLF, a last line without a line feed, a tab-separated file and the last column', async () => {
    expect(Array.from((await readCsvNumberColumn(write('a,b\r\n1,2\r\n3,4'), 'b', 44)) as Float64Array)).toEqual([2, 4]);
    expect(Array.from((await readCsvNumberColumn(write('a\tb\n1\t2.5\n3\t4.25\n', 'tsv'), 'b', 9)) as Float64Array)).toEqual([2.5, 4.25]);
  });

  it('matches readCsv on random numbers written in many ways', async () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toFixed(6)),
      fc.integer().map(String),
      fc
        .tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{0,12}$/), fc.stringMatching(/^[0-9]{0,12}$/))
        .map(([sign, whole, fraction]) => `${sign}${whole || '0'}.${fraction}`),
      fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: -30, max: 30 })).map(([m, e]) => `${m}e${e}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 200 }), fc.boolean(), async (values, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const path = write(`k,v,w${eol}${values.map((v, i) => `${i},${v},z`).join(eol)}${eol}`);
        const fast = await readCsvNumberColumn(path, 'v', 44);
        expect(fast).toBeDefined();
        expect(Array.from(fast as Float64Array)).toEqual(Array.from(await general(path, 'v')));
      }),
      { numRuns: 60, seed: 17 },
    );
  });

  it('grows past its first estimate of the row count', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i === 0 ? 123456.125 : i % 7));
    const fast = await readCsvNumberColumn(write(`x\n${values.join('\n')}\n`), 'x', 44);
    expect(Array.from(fast as Float64Array)).toEqual(values);
  });

  it.each([
    ['a missing value', 'x\n1\n\n2\n'],
    ['a trailing blank line', 'x\n1\n2\n\n'],
    ['an NA marker', 'x\n1\nNA\n'],
    ['an empty field', 'a,x\n1,\n2,3\n'],
    ['text after a number', 'x\n1.5kg\n'],
    ['a quoted value', 'x\n"1"\n'],
    ['a quote in another field', 'a,x\n"q",1\n'],
    ['a non-ASCII byte in another field', 'a,x\né,1\n'],
    ['too few fields', 'a,x,b\n1,2\n'],
    ['too many fields', 'a,x\n1,2,3\n'],
    ['a lone CR', 'x\r1\r2\r'],
    ['a byte-order mark', '\ufeffx\n1\n'],
    ['an unknown column', 'a,b\n1,2\n'],
    ['a repeated name', 'x,x\n1,2\n'],
    ['an empty name', 'x,\n1,2\n'],
    ['a header alone', 'x\n'],
    ['an empty file', ''],
  ])('leaves %s to the general reader', async (_what, text) => {
    expect(await readCsvNumberColumn(write(text), 'x', 44)).toBeUndefined();
  });

  it('leaves a missing file, a folder and an over-large file to the general reader', async () => {
    expect(await readCsvNumberColumn(`${write('x\n1\n')}.nope`, 'x', 44)).toBeUndefined();
    expect(await readCsvNumberColumn(tmp.dir, 'x', 44)).toBeUndefined();
  });
});
