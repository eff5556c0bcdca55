import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: bad input and config found by fuzzing (issue 12 items 8 and 10) give one clear line and exit 2.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-input-errors-'));
  const rows = Array.from({ length: 60 }, (_, i) => `${(i * 37) % 100},${'xyz'[i % 3]}`);
  writeFileSync(join(dir, 'ref.csv'), `a,b\n${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'cur.csv'), `a,b\n${rows.reverse().join('\n')}\n`);
});

function driftwatch(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const monitor = 'monitors:\n  - name: m\n    reference: { path: ref.csv }\n    current: { path: cur.csv }\n';

describe('config problems are config errors (exit 2), each naming the config file or path', () => {
  it('a store path that is a file, not a provider failure (exit 4)', () => {
    writeFileSync(join(dir, 'storefile'), 'not a folder\n');
    writeFileSync(join(dir, 'store.yaml'), `version: 1\nstore: { type: files, path: ./storefile }\n${monitor}`);
    for (const command of [['run'], ['history']]) {
      const r = driftwatch(...command, '--config', 'store.yaml');
      expect(r.status, command[0]).toBe(2);
      expect(r.stderr).toMatch(/^driftwatch: error: .*store\.path: "\.\/storefile" \(.*storefile\) is a file, not a folder/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a YAML alias bomb, not an unexpected error (exit 3)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ])
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n`);
    const r = driftwatch('run', '--config', 'bomb.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'driftwatch: error: bomb.yaml: too many alias expansions (more than 1000; an alias bomb?): write the repeated parts out or use fewer aliases\n',
    );
  });

  it('a single problem, with the config file first', () => {
    writeFileSync(join(dir, 'one.yaml'), `version: 1\n${monitor}    drift: { datasetShare: 2 }\n`);
    const r = driftwatch('run', '--config', 'one.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^driftwatch: error: one\.yaml: monitors\[0\]\.drift\.datasetShare: /);
  });
});
