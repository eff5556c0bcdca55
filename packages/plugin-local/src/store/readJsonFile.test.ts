import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from './readJsonFile.js';

const kind = {
  what: 'thing',
  remedy: 'remove it',
  check: (v: unknown) => {
    if (typeof (v as { n?: unknown })?.n !== 'number') throw new Error('"n" is not a number');
    return v as { n: number };
  },
};

describe('readJsonFile', () => {
  it('reads and checks a file, and gives undefined for a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-json-'));
    await writeFile(join(dir, 'a.json'), '{"n":3}');
    expect(await readJsonFile(join(dir, 'a.json'), kind)).toEqual({ n: 3 });
    expect(await readJsonFile(join(dir, 'missing.json'), kind)).toBeUndefined();
  });

  it('reports a file that is not JSON, or that the check rejects, naming it, the problem and the remedy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-json-'));
    const file = join(dir, 'a.json');
    await writeFile(file, '{"n":');
    const torn = await readJsonFile(file, kind).catch((e) => e);
    expect(torn).toBeInstanceOf(StateError);
    expect(torn.code).toBe('STATE_CORRUPT');
    expect(torn.message.startsWith(`${file}: not a valid thing (`)).toBe(true);
    expect(torn.message).toMatch(/JSON.*\); remove it$/);
    await writeFile(file, '{"n":"3"}');
    await expect(readJsonFile(file, kind)).rejects.toThrow(`${file}: not a valid thing ("n" is not a number); remove it`);
  });

  it('rethrows other read errors as they came', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-json-'));
    const error = await readJsonFile(dir, kind).catch((e) => e);
    expect(error).not.toBeInstanceOf(StateError);
    expect(error.code).toBe('EISDIR');
  });
});
