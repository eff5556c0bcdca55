import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicTempSuffix, writeFileAtomic } from './writeFileAtomic.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes text, replacing the previous file, and leaves no temporary file', async () => {
    const file = join(dir, 'a.json');
    await writeFileAtomic(file, '{"v":1}\n');
    await writeFileAtomic(file, '{"v":2}\n');
    expect(await readFile(file, 'utf8')).toBe('{"v":2}\n');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('writes bytes as they are', async () => {
    const file = join(dir, 'b.bin');
    await writeFileAtomic(file, Uint8Array.from([0, 255, 7, 0xc3]));
    expect([...(await readFile(file))]).toEqual([0, 255, 7, 0xc3]);
  });

  it('writes the chunks of an iterable and of an async iterable in order, text and bytes mixed', async () => {
    const file = join(dir, 'train.csv');
    await writeFileAtomic(file, ['a,b\n', new TextEncoder().encode('1,2\n')]);
    expect(await readFile(file, 'utf8')).toBe('a,b\n1,2\n');
    await writeFileAtomic(
      file,
      (async function* () {
        yield 'a,b\n';
        yield 'é,4\n';
      })(),
    );
    expect(await readFile(file, 'utf8')).toBe('a,b\né,4\n');
    expect(await readdir(dir)).toEqual(['train.csv']);
  });

  it('keeps the previous file and removes its temporary file when the chunks fail half way', async () => {
    const file = join(dir, 'train.csv');
    await writeFile(file, 'previous\n');
    let seen: string[] = [];
    function* failing(): Generator<string> {
      yield 'a,b\n';
      seen = readdirSync(dir);
      throw new Error('disk full');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow('disk full');
    // While writing, the temporary file sits beside the target, named so folder scans can skip it.
    const temps = seen.filter((n) => n !== 'train.csv');
    expect(temps).toEqual([expect.stringMatching(/^train\.csv\.\d+\.[0-9a-f]{8}\.tmp$/)]);
    expect(temps[0]?.endsWith(atomicTempSuffix)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('previous\n');
    expect(await readdir(dir)).toEqual(['train.csv']);
  });

  it('fails with ENOENT when the folder does not exist, creating nothing', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.csv'), ['x'])).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
