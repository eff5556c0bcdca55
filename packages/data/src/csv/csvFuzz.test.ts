import { isInputError } from '@driftwatch/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';
import type { ReadFrame } from '../ReadFrame.js';
import { readCsv } from './readCsv.js';

// CSV mutation fuzz (issue 12 items 8–10) as a property test with committed seeds: byte-level mutations of a
// file that uses every feature of the reader. Each mutated file either reads — the same frame whatever the
// chunk size, so the fast path and the general one agree — or fails with an InputError: one line, starting
// with the file, no JavaScript engine text. fast-check shrinks a failure to a minimal mutation.
const base = Buffer.from(
  '\ufeffnum,cat,txt,flag,when\r\n' +
    '1.5,"a",plain,true,2024-01-01\r\n' +
    '-0.25e-3,b,"has ""quotes"", commas\nand lines",FALSE,2024-01-01T00:00:01Z\n' +
    'NA,"c",,,\n' +
    '\n' +
    '12345678901234567890,a,"",True,NULL\r\n' +
    'oops,"x""y",é€😀,nope,2024-13-01\n' +
    'inf,b,last,true,2024-01-01\n',
);
const schema = {
  columns: [
    { name: 'num', kind: 'numeric' as const },
    { name: 'cat', kind: 'categorical' as const },
    { name: 'txt', kind: 'text' as const },
    { name: 'flag', kind: 'boolean' as const },
    { name: 'when', kind: 'datetime' as const },
  ],
};
/** Bytes that matter to a CSV reader, and some that break UTF-8. */
const alphabet = [0x22, 0x2c, 0x0a, 0x0d, 0x20, 0x09, 0x30, 0x2e, 0x65, 0x2d, 0x4e, 0x41, 0x61, 0xff, 0xc3, 0xe2, 0x00];
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'insert', 'delete'),
  byte: fc.constantFrom(...alphabet),
});
const engineText = /Cannot read properties|undefined|Invalid typed array length|is not a function|Maximum call stack|RangeError|TypeError/;

const tmp = tempFiles('dw-csv-fuzz-');
afterAll(() => tmp.remove());
let n = 0;

function mutate(bytes: Buffer, changes: readonly { at: number; kind: string; byte: number }[]): Buffer {
  let out = bytes;
  for (const c of changes) {
    const at = c.at % (out.length + 1);
    const byte = Buffer.of(c.byte);
    if (c.kind === 'insert') out = Buffer.concat([out.subarray(0, at), byte, out.subarray(at)]);
    else if (c.kind === 'delete' && at < out.length) out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
    else if (at < out.length) out = Buffer.concat([out.subarray(0, at), byte, out.subarray(at + 1)]);
  }
  return out;
}

/** A frame as plain data (typed arrays as lists, NaN kept), for comparing two reads. */
const plain = (frame: ReadFrame) =>
  frame.columns.map((c) => ({
    ...c,
    ...('values' in c ? { values: Array.from(c.values as ArrayLike<unknown>) } : {}),
    ...('codes' in c ? { codes: Array.from(c.codes) } : {}),
  }));

async function outcome(file: string, options: Parameters<typeof readCsv>[1]): Promise<{ frame?: ReadFrame; error?: unknown }> {
  try {
    return { frame: await readCsv(file, options) };
  } catch (error) {
    return { error };
  }
}

function checkError(file: string, error: unknown): void {
  expect(isInputError(error), String(error)).toBe(true);
  const message = (error as Error).message;
  expect(message.startsWith(`${file}:`), message).toBe(true);
  expect(message.split('\n')).toHaveLength(1);
  expect(message).not.toMatch(engineText);
  expect(message.length).toBeLessThan(600);
}

describe('readCsv on mutated files (committed seeds)', () => {
  // Seeds are committed: a failure reproduces with the same seed, and fast-check prints the shrunk case.
  for (const [seed, inferred] of [
    [1210, false],
    [2026, false],
    [4180, true],
  ] as const) {
    it(`seed ${seed}${inferred ? ' (kinds inferred)' : ''}: reads the same at every chunk size, or fails in plain words`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (changes) => {
          const file = tmp.write(`m${n++}.csv`, mutate(base, changes));
          const options = inferred ? {} : { schema };
          const whole = await outcome(file, options);
          const chunked = await outcome(file, { ...options, chunkSize: 7 });
          if (whole.error !== undefined) {
            checkError(file, whole.error);
            expect(chunked.error, 'fails whatever the chunk size').toBeDefined();
            expect((chunked.error as Error).message).toBe((whole.error as Error).message);
            return;
          }
          expect(chunked.error, String(chunked.error)).toBeUndefined();
          const frame = whole.frame as ReadFrame;
          for (const c of frame.columns) {
            const length = 'codes' in c ? c.codes.length : c.kind === 'text' ? c.values.length : (c.values as ArrayLike<number>).length;
            expect(length, c.name).toBe(frame.rowCount);
          }
          expect(plain(chunked.frame as ReadFrame)).toEqual(plain(frame));
        }),
        { seed, numRuns: 100 },
      );
    });
  }
});
