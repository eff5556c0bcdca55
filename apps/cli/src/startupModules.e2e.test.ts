import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli, root, shebangFlags, writeAgeIncome } from './__tests__/builtCli.js';

// What start-up loads (issue 17, bench/startup): the program's help lists the commands without
// loading them, and `check` of two small files loads neither the providers it does not create
// (node:crypto, node:child_process) nor the reading thread it does not start (node:worker_threads).
const preload = join(root, 'apps/cli/src/__fixtures__/loadedBuiltins.mjs');

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-startup-'));
  writeAgeIncome(dir, 100, 15);
});

function builtinsOf(...args: string[]): { status: number | null; stdout: string; builtins: string[] } {
  const out = join(dir, 'builtins.json');
  const r = spawnSync(process.execPath, ['--import', preload, main, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DW_LOADED_BUILTINS_OUT: out },
  });
  return { status: r.status, stdout: r.stdout, builtins: JSON.parse(readFileSync(out, 'utf8')) as string[] };
}

describe('start-up', () => {
  it('check of two small files loads no crypto, child_process or worker_threads', () => {
    const r = builtinsOf('check', '-r', 'reference.csv', '-c', 'current.csv');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^age\s+numeric\s+\S+.*DRIFT/m);
    expect(r.builtins).toContain('fs/promises');
    for (const name of ['crypto', 'child_process', 'worker_threads']) expect(r.builtins).not.toContain(name);
  });

  it('check of two small files starts no full collection (the shebang lets the old generation reach 32 MB first)', () => {
    const trace = ['--trace-gc', '--trace-incremental-marking'];
    const r = spawnSync(process.execPath, [...shebangFlags(), ...trace, main, 'check', '-r', 'reference.csv', '-c', 'current.csv'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: Scavenge /);
    expect(r.stdout).not.toMatch(/\[IncrementalMarking\] Start|: Mark-Compact /);
  });

  it("the program's help loads no command (the AWS SDK's and the server's modules load crypto)", () => {
    const r = builtinsOf('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}check \[options\] +compare a current dataset/m);
    for (const name of ['crypto', 'child_process', 'worker_threads', 'fs/promises']) expect(r.builtins).not.toContain(name);
  });
});
