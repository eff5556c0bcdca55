import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@driftwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readHoldoutRows } from './readHoldoutRows.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-holdout-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function holdout(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('readHoldoutRows', () => {
  it('leaves out the target and the dropped columns (one the holdout lacks is ignored), quoting kept valid', async () => {
    const file = holdout('h.csv', '\ufeffx,note,label,ts\r\n1.5,"a, ""b""\nc",yes,2026-01-01\r\n2,,no,2026-01-02\n\n');
    expect(await readHoldoutRows(file, 'label', ['ts', 'customer_id'])).toEqual({
      columns: ['x', 'note'],
      lines: ['1.5,"a, ""b""\nc"\n', '2,\n'],
    });
  });

  it('names the file and line of what it cannot send', async () => {
    const noTarget = holdout('t.csv', 'x,y\n1,2\n');
    const error = await readHoldoutRows(noTarget, 'label', []).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: 'INPUT_UNKNOWN_COLUMN',
      message: `${noTarget}: no target column "label" in the holdout (columns: x, y)`,
      location: { file: noTarget, line: 1 },
    });
    const short = holdout('s.csv', 'x,label\n1,a\n2\n');
    await expect(readHoldoutRows(short, 'label', [])).rejects.toThrow(`${short}:3: 1 fields, the header has 2`);
    await expect(readHoldoutRows(holdout('e.csv', ''), 'label', [])).rejects.toThrow(/the holdout is empty/);
  });
});
