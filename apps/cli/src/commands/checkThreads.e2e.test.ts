import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Xoshiro128 } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, root, shebangFlags } from '../__tests__/builtCli.js';
import { parseThreads } from './parseThreads.js';

// End to end: the built (bundled) command as a user runs it (`pnpm test` builds first).
function driftwatch(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...shebangFlags(), main, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A CSV over 16 MiB (the size from which a side is read on a second thread): 220 000 rows of
 * real, integer, gappy and categorical columns; `shift` moves the real column's mean.
 */
function bigCsv(path: string, seed: number, shift: number): string {
  const rng = new Xoshiro128(seed);
  const labels = ['web', 'store', 'app', 'phone'];
  const parts: string[] = ['a,b,c,d,e,f,g,n,m,gappy,label,zone\n'];
  for (let i = 0; i < rows; i++) {
    const reals = Array.from({ length: 7 }, (_, k) => (rng.nextDouble() * (k + 1) + (k === 0 ? shift : 0)).toFixed(6));
    const gappy = i % 997 === 0 ? '' : (rng.nextDouble() * 100).toFixed(3);
    parts.push(`${reals.join(',')},${rng.nextBelow(80)},${rng.nextBelow(7)},${gappy},${labels[rng.nextBelow(4)]},z${rng.nextBelow(12)}\n`);
  }
  writeFileSync(path, parts.join(''));
  return path;
}

const rows = 220_000;
let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-threads-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('driftwatch check --threads', () => {
  it('gives the same report on one thread and on two (the current side read on a worker thread)', () => {
    // The bundle carries the reading thread beside the chunks that start it; the CLI runs with its shebang's V8 flags.
    expect(existsSync(join(root, 'apps/cli/dist/chunks/readFileWorker.js'))).toBe(true);
    expect(shebangFlags()).toContain('--max-semi-space-size=2');
    const reference = bigCsv(join(dir, 'ref.csv'), 1, 0);
    const current = bigCsv(join(dir, 'cur.csv'), 2, 0.05);
    expect(statSync(current).size).toBeGreaterThan(16 * 2 ** 20);
    // One thread by the flag, two by the environment variable (the flag's fallback).
    const reports = [['--threads', '1'], []].map((threadArgs) => {
      const r = driftwatch(['check', '-r', reference, '-c', current, '--format', 'json', ...threadArgs], { DRIFTWATCH_THREADS: '2' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const { generatedAt: _, ...report } = JSON.parse(r.stdout) as { generatedAt: string };
      return report as { columns: { column: string; statistic: number | null; pValue: number | null; reference: { missing: number } }[] };
    });
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[0].columns.map((c) => c.column)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'n', 'm', 'gappy', 'label', 'zone']);
    expect(reports[0].columns.find((c) => c.column === 'gappy')?.reference.missing).toBe(Math.ceil(rows / 997));
  }, 240_000);

  it('refuses a thread count that is not a whole number from 1, naming the flag or the variable', () => {
    const r = driftwatch(['check', '-r', 'a.csv', '-c', 'b.csv', '--threads', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--threads "0" must be a whole number from 1 to 1024/);
    const e = driftwatch(['check', '-r', 'a.csv', '-c', 'b.csv'], { DRIFTWATCH_THREADS: 'two' });
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/DRIFTWATCH_THREADS "two" must be a whole number/);
  });
});

describe('parseThreads', () => {
  it('takes the flag, then DRIFTWATCH_THREADS, then the cores', () => {
    expect(parseThreads('3', { DRIFTWATCH_THREADS: '1' })).toBe(3);
    expect(parseThreads(undefined, { DRIFTWATCH_THREADS: '1' })).toBe(1);
    expect(parseThreads(undefined, {})).toBeGreaterThanOrEqual(1);
    expect(() => parseThreads('1.5', {})).toThrow(/--threads "1.5"/);
  });
});
