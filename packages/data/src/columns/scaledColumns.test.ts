import type { NumericColumn } from '@driftwatch/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from '../csv/readCsv.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import { parseNumberText } from '../numbers/parseNumberText.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

const column = (columns: readonly { name: string }[], name: string) => columns.find((c) => c.name === name) as unknown as NumericColumn;
const numericSchema = (...names: string[]) => ({ schema: { columns: names.map((name) => ({ name, kind: 'numeric' as const })) } });

describe('CSV numeric columns stored as scaled decimals', () => {
  it('grow their scale with the digits after the point, the integers so far multiplied up', async () => {
    const frame = await readCsv(tmp.write('grow.csv', 'a,b\n1,7\n2.5,8\n3.25,9\n-4.125,10\n'));
    const a = column(frame.columns, 'a');
    expect(a.scaled?.scale).toBe(3);
    expect(Array.from(a.scaled?.ints ?? [])).toEqual([1000, 2500, 3250, -4125]);
    expect(column(frame.columns, 'b').scaled?.scale).toBe(0);
    expect(Array.from(a.values)).toEqual([1, 2.5, 3.25, -4.125]);
  });

  it.each([
    ['a scale the integers so far cannot take', 'a\n3000000\n0.001\n', [3000000, 0.001]],
    ['a missing value', 'a\n1.5\nNA\n2\n', [1.5, Number.NaN, 2]],
    ['an empty field', 'a,b\n1.5,1\n,2\n2,3\n', [1.5, Number.NaN, 2]],
    ['−0', 'a\n1\n-0\n', [1, -0]],
    ['an exponent', 'a\n1\n2e3\n', [1, 2000]],
    ['ten digits', 'a\n1\n1234567890\n', [1, 1234567890]],
    ['an infinity', 'a\n1\n-inf\n', [1, Number.NEGATIVE_INFINITY]],
  ])('turn to doubles at %s, every value kept', async (_, text, expected) => {
    const a = column((await readCsv(tmp.write('turn.csv', text), numericSchema('a'))).columns, 'a');
    expect(a.scaled).toBeUndefined();
    expect(a.values.length).toBe(expected.length);
    for (const [i, v] of a.values.entries()) expect(Object.is(v, expected[i])).toBe(true);
  });

  it('stay scaled through records the general path reads (a quoted field, a quoted number)', async () => {
    const frame = await readCsv(tmp.write('general.csv', 'a,b\n1.5,"x,y"\n"2.25",z\n3,w\n'));
    const a = column(frame.columns, 'a');
    expect(a.scaled?.scale).toBe(2);
    expect(Array.from(a.values)).toEqual([1.5, 2.25, 3]);
  });

  it('stay scaled, with the same integers, whatever chunk cuts their fields', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `${(((i * 7919) % 100003) / 1000 - 50).toFixed(3)},${(i * 0.000123 - 0.1).toFixed(6)},${i % 7}`,
    );
    const file = tmp.write('chunks.csv', `a,b,c\n${rows.join('\n')}\n`);
    const whole = await readCsv(file);
    for (const chunkSize of [5, 6, 7, 11, 64, 1000]) {
      const frame = await readCsv(file, { chunkSize });
      for (const name of ['a', 'b', 'c']) {
        const got = column(frame.columns, name);
        const want = column(whole.columns, name);
        expect(got.scaled?.scale).toBe(want.scaled?.scale);
        expect(got.scaled?.ints).toEqual(want.scaled?.ints);
      }
    }
    expect(column(whole.columns, 'a').scaled?.scale).toBe(3);
    expect(column(whole.columns, 'b').scaled?.scale).toBe(6);
  });

  it('read every file as the doubles of its text, to the bit (random files, random chunks)', async () => {
    const cell = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .integer({ min: -999_999, max: 999_999 })
          .chain((n) => fc.integer({ min: 0, max: 9 }).map((k) => (n / 10 ** k).toFixed(k))),
      },
      { weight: 2, arbitrary: fc.integer({ min: -99, max: 99 }).map(String) },
      { weight: 1, arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String) },
      { weight: 1, arbitrary: fc.constantFrom('', 'NA', '-0', '-0.0', '2e3', '1234567890', '0.1234567891', '"7.5"', 'x', '+.5', '5.') },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(5, 9, 17, 64, 1 << 16),
        async (rows, chunkSize) => {
          const text = `a,b\n${rows.map((r) => r.join(',')).join('\n')}\n`;
          const frame = await readCsv(tmp.write(`r${n++}.csv`, text), { ...numericSchema('a', 'b'), chunkSize });
          rows.forEach((row, i) => {
            for (const [f, name] of ['a', 'b'].entries()) {
              const raw = (row[f] as string).replace(/^"(.*)"$/, '$1');
              const want = raw === '' || isMissingMarker(raw) ? Number.NaN : (parseNumberText(raw) ?? Number.NaN);
              const got = column(frame.columns, name).values[i];
              if (!Object.is(got, want)) expect([name, i, raw, got]).toEqual([name, i, raw, want]);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
