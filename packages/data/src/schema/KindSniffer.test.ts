import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import { readCsv } from '../csv/readCsv.js';
import { inferKind } from './inferKind.js';
import { inferSchemaFromFile } from './inferSchemaFromFile.js';
import { KindSniffer } from './KindSniffer.js';

const tmp = tempFiles();
afterAll(() => tmp.remove());

/** Field texts of every shape the rules tell apart, written as a CSV writer would (quoted where needed). */
const field = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, min: -1e9, max: 1e9 }).map(String),
  fc.integer({ min: 0, max: 99 }).map((n) => `${n}.${String(n % 7).padStart(6, '0')}`),
  fc.constantFrom('', 'NA', 'nan', 'NaN', 'null', 'None', '-nan', ' 1 ', '\t2', 'inf', '-Infinity', '1e', '1e5', '.5', '5.', '-', '+.5e1'),
  fc.constantFrom('true', 'FALSE', 'True', 'yes', '2024-01-31', '2024-01-31T12:00:00Z', '2024-13-01', 'yesterday'),
  fc.constantFrom('[1.5, 2]', '[1, 2]', '[]', '[x]', '"quoted, with comma"', 'a""b', 'ab\rcd', 'é', 'naïve', 'x'),
  fc.constantFrom('red', 'green', 'blue', 'a', 'b'),
  fc.string({ maxLength: 6 }),
);

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV whose columns each draw from one shape (so that every kind shows up), with some stray values. */
const csvText = fc
  .record({
    columns: fc.integer({ min: 1, max: 4 }),
    rows: fc.integer({ min: 1, max: 120 }),
    seedFields: fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 4 }),
    strays: fc.array(fc.tuple(fc.nat(), fc.nat(), field), { maxLength: 4 }),
    quoteAll: fc.boolean(),
  })
  .map(({ columns, rows, seedFields, strays, quoteAll }) => {
    const cells: string[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: string[] = [];
      for (let c = 0; c < columns; c++) {
        const pool = seedFields[c] as string[];
        row.push(pool[(r * 7 + c) % pool.length] as string);
      }
      cells.push(row);
    }
    for (const [r, c, text] of strays) (cells[r % rows] as string[])[c % columns] = text;
    const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
    const quote = (t: string) => (quoteAll && t !== '' ? `"${t.replace(/"/g, '""')}"` : csvField(t));
    return `${header}\n${cells.map((row) => row.map(quote).join(',')).join('\n')}\n`;
  });

describe('KindSniffer', () => {
  it('infers, while a CSV head is read, the kind inferKind gives for the same head read as text', async () => {
    let n = 0;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 1, max: 150 }), async (text, sampleRows) => {
        const file = tmp.write(`p${n++}.csv`, text);
        const outcome = async <T>(f: () => Promise<T>) => f().catch((e: { code?: string }) => ({ error: e.code }));
        const inferred = await outcome(async () => (await inferSchemaFromFile(file, { sampleRows })).columns.map((c) => c.kind));
        // The pipeline before: every column read as text through the same parser, the first rows to inferKind.
        const names = text.slice(0, text.indexOf('\n')).split(',');
        const expected = await outcome(async () => {
          const asText = await readCsv(file, { schema: { columns: names.map((name) => ({ name, kind: 'text' as const })) } });
          return asText.columns.map((c) => inferKind((c as unknown as { values: (string | null)[] }).values.slice(0, sampleRows)));
        });
        // The same kinds, or the same error (a file whose rows are all blank has none).
        expect(inferred).toEqual(expected);
        if (Array.isArray(inferred)) compared++;
      }),
      { numRuns: 300 },
    );
    // Most files have rows: kinds, not errors, were compared.
    expect(compared).toBeGreaterThan(200);
  });

  it('gives the same kind from bytes as from their text, value by value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(field, fc.constant(null)), { maxLength: 80 }),
        fc.integer({ min: 1, max: 60 }),
        (values, maxCategories) => {
          const fromText = new KindSniffer({ maxCategories });
          const fromBytes = new KindSniffer({ maxCategories });
          for (const v of values) {
            fromText.add(v);
            if (v === null) fromBytes.add(null);
            else {
              const bytes = Buffer.from(`${v},`, 'utf8');
              fromBytes.addBytes(bytes, 0, bytes.length - 1);
            }
          }
          expect(fromBytes.kind()).toBe(fromText.kind());
          expect(fromText.kind()).toBe(inferKind(values, { maxCategories }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts texts with a lone surrogate as distinct values (they have no UTF-8 of their own)', () => {
    const values = Array.from({ length: 60 }, (_, i) => String.fromCharCode(0xd800 + i));
    // 60 distinct values of 60: too many for a categorical column.
    expect(inferKind(values)).toBe('text');
    expect(inferKind([...values.slice(0, 20), ...values.slice(0, 20), ...values.slice(0, 20)])).toBe('categorical');
  });
});
