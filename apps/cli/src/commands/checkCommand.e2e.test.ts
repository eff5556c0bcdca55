import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Xoshiro128 } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command as a user runs it (`pnpm test` builds first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-check-'));
});

/** `columns` categorical columns, shares .4/.3/.2/.1 in every one, drawn from a seeded stream. */
function categoricalCsv(path: string, rows: number, columns: number, rng: Xoshiro128): string {
  const labels = ['a', 'b', 'c', 'd'];
  const cumulative = [0.4, 0.7, 0.9, 1];
  const lines = [Array.from({ length: columns }, (_, j) => `c${j}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const row: string[] = [];
    for (let j = 0; j < columns; j++) {
      const u = rng.nextDouble();
      row.push(labels[cumulative.findIndex((c) => u < c)]);
    }
    lines.push(row.join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

interface Report {
  dataset: { driftedColumns: number; testedColumns: number; defaults?: string };
  columns: { method: string; drifted: boolean }[];
}

describe('driftwatch check is calibrated by default (issue 19)', () => {
  it('flags at most α + 2 SE of 400 same-distribution categorical columns (600 vs 600 rows); Evidently’s defaults flag ~27%', () => {
    // The measurement of the issue, with its own seed: 400 columns, shares .4/.3/.2/.1 on both sides.
    const rng = new Xoshiro128(190_019);
    const reference = categoricalCsv(join(dir, 'ref.csv'), 600, 400, rng);
    const current = categoricalCsv(join(dir, 'cur.csv'), 600, 400, rng);
    const run = (...extra: string[]): Report => {
      const r = driftwatch('check', '-r', reference, '-c', current, '--format', 'json', ...extra);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as Report;
    };
    const alpha = 0.05;
    const limit = 400 * (alpha + 2 * Math.sqrt((alpha * (1 - alpha)) / 400));
    const calibrated = run();
    expect(calibrated.dataset.testedColumns).toBe(400);
    expect(calibrated.dataset.defaults).toBe('calibrated');
    expect(new Set(calibrated.columns.map((c) => c.method))).toEqual(new Set(['chi2_contingency']));
    expect(calibrated.dataset.driftedColumns).toBeLessThanOrEqual(limit);

    const evidently = run('--defaults', 'evidently');
    expect(evidently.dataset.defaults).toBe('evidently');
    expect(new Set(evidently.columns.map((c) => c.method))).toEqual(new Set(['chisquare']));
    // The goodness-of-fit test ignores the reference's own noise: about five times α.
    expect(evidently.dataset.driftedColumns).toBeGreaterThan(0.15 * 400);
  });

  it('rejects an unknown --defaults value', () => {
    const r = driftwatch('check', '-r', 'a.csv', '-c', 'b.csv', '--defaults', 'evidentl');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--defaults.*evidentl.*calibrated, evidently/s);
  });

  it('teaches the defaults and their false-alarm rates in --help', () => {
    const r = driftwatch('check', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--defaults <set>/);
    expect(r.stdout).toMatch(/false alarm/i);
    expect(r.stdout).toMatch(/chi2_contingency/);
    // Figures come from the calibration table: a percentage per method and size.
    expect(r.stdout).toMatch(/chisquare .*\d+\.\d%/);
  });
});

interface IntegerReport {
  dataset: Report['dataset'];
  columns: { column: string; method: string; testedAs?: string; skipped?: string; pValue: number | null }[];
}

describe('driftwatch check follows Evidently on integer and constant columns (issue 11.14)', () => {
  it('tests few integers as categories and counts a constant column; --integer-categories 0 and --constant-columns skip undo each', () => {
    const rng = new Xoshiro128(1114);
    const write = (name: string, shift: number) => {
      const lines = ['grade,pixel,x'];
      for (let i = 0; i < 300; i++) lines.push(`${1 + Math.floor(rng.nextDouble() * 8)},0,${(rng.nextDouble() + shift).toFixed(4)}`);
      writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
      return join(dir, name);
    };
    const reference = write('ints-ref.csv', 0);
    const current = write('ints-cur.csv', 0.5);
    const run = (...extra: string[]) => {
      const r = driftwatch('check', '-r', reference, '-c', current, '--format', 'json', '--defaults', 'evidently', ...extra);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as IntegerReport;
    };
    const byDefault = run();
    expect(byDefault.columns.map((c) => [c.column, c.method, c.testedAs ?? null, c.skipped ?? null])).toEqual([
      ['grade', 'chisquare', 'categorical', null],
      ['pixel', 'z', 'categorical', null],
      ['x', 'ks', null, null],
    ]);
    expect(byDefault.columns[1].pValue).toBe(1);
    expect(byDefault.dataset).toMatchObject({ driftedColumns: 1, testedColumns: 3 });
    const asBefore = run('--integer-categories', '0', '--constant-columns', 'skip');
    expect(asBefore.columns.map((c) => [c.method, c.skipped ?? null])).toEqual([
      ['ks', null],
      ['z', 'constant column (one value on both sides)'],
      ['ks', null],
    ]);
    expect(asBefore.dataset).toMatchObject({ driftedColumns: 1, testedColumns: 2 });
    const bad = driftwatch('check', '-r', reference, '-c', current, '--constant-columns', 'drop');
    expect(bad.status).toBe(2);
  });
});
