import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles } from '../__fixtures__/tempFiles.js';

// The other readFrames tests run the TypeScript sources (through the .mjs
// bootstrap); this one runs the built package, whose worker is plain .js.
// `pnpm test` builds first; without a build it is skipped.
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const core = fileURLToPath(new URL('../../node_modules/@driftwatch/core/dist/index.js', import.meta.url));
const tmp = tempFiles();
afterAll(() => tmp.remove());

describe.skipIf(!existsSync(dist) || !existsSync(core))('readFrames from the built package', () => {
  it('reads on workers and rebuilds InputError', () => {
    const a = tmp.write('a.csv', 'x,y\n1,a\n2,b\n');
    const b = tmp.write('b.csv', 'x,y\n3,c\n');
    const bad = tmp.write('bad.csv', 'x,y\n"open\n');
    const script = `
      import { readFrames } from ${JSON.stringify(dist)};
      import { InputError } from ${JSON.stringify(core)};
      const frames = await readFrames(${JSON.stringify([a, b])});
      let error;
      try { await readFrames(${JSON.stringify([bad])}); } catch (e) { error = e; }
      console.log(JSON.stringify({
        rows: frames.map((f) => f.rowCount),
        x: Array.from(frames[1].columns[0].values),
        isInputError: error instanceof InputError,
        code: error?.code,
        message: error?.message,
      }));`;
    const out = execFileSync(process.execPath, [tmp.write('run.mjs', script)], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      rows: [2, 1],
      x: [3],
      isInputError: true,
      code: 'INPUT_UNCLOSED_QUOTE',
      message: `${bad}:2:1: unclosed quote (opened at line 2, column 1)`,
    });
  });
});
