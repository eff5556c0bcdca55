import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DriftReport, Xoshiro128 } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command (`pnpm build` first) on files over a --max-memory budget.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `rows` rows: three numeric columns (normal, rounded normal, uniform) and a categorical one, shifted by `shift`. */
function csv(path: string, rows: number, shift: number, seed: number): string {
  const rng = new Xoshiro128(seed);
  const lines = ['x,y,u,city'];
  const cities = ['oslo', 'rome', 'lima'];
  for (let i = 0; i < rows; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    const x = i % 500 === 7 ? '' : (z + shift).toFixed(6);
    const y = Math.round((z * 3 + shift) * 10) / 10;
    lines.push(`${x},${y},${(rng.nextDouble() + shift / 4).toFixed(5)},${cities[Math.floor(rng.nextDouble() * (shift > 0 ? 2.6 : 3))]}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let ref: string;
let cur: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  const dir = mkdtempSync(join(tmpdir(), 'dw-maxmem-'));
  ref = csv(join(dir, 'ref.csv'), 300_000, 0, 1);
  cur = csv(join(dir, 'cur.csv'), 300_000, 0.05, 2);
});

function check(...args: string[]): DriftReport {
  const r = driftwatch('check', '-r', ref, '-c', cur, '--format', 'json', ...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as DriftReport;
}

describe('driftwatch check --max-memory (issue 12 item 11)', () => {
  it('over the budget, the binned methods give the in-memory results exactly and the columns say so', () => {
    for (const method of ['psi', 'jensenshannon']) {
      const exact = check('--method', method);
      const streamed = check('--method', method, '--max-memory', '12MB');
      expect(exact.dataset.memory).toBeUndefined();
      expect(exact.columns.every((c) => c.path === undefined)).toBe(true);
      expect(streamed.dataset.memory?.budgetBytes).toBe(12 * 2 ** 20);
      expect(streamed.dataset.memory?.estimatedBytes).toBeGreaterThan(12 * 2 ** 20);
      expect(streamed.columns.map((c) => [c.column, c.path])).toEqual([
        ['x', 'histogram'],
        ['y', 'histogram'],
        ['u', 'histogram'],
        ['city', 'exact'],
      ]);
      expect(streamed.columns.map((c) => c.statistic)).toEqual(exact.columns.map((c) => c.statistic));
      expect(streamed.columns.map((c) => c.reference)).toEqual(exact.columns.map((c) => c.reference));
      expect(streamed.dataset.driftedColumns).toBe(exact.dataset.driftedColumns);
    }
  }, 120_000);

  it('ks and wasserstein (the default for these sizes) are within their stated bounds of the exact values', () => {
    for (const method of ['ks', 'wasserstein']) {
      const exact = check('--method', `x=${method}`, '--method', `y=${method}`, '--method', `u=${method}`);
      const streamed = check('--method', `x=${method}`, '--method', `y=${method}`, '--method', `u=${method}`, '--max-memory', '12MB');
      for (const [i, c] of streamed.columns.slice(0, 3).entries()) {
        expect(c.path).toBe('sketch');
        const bound = c.bound?.statistic as number;
        expect(bound).toBeLessThan(0.005);
        expect(Math.abs((c.statistic as number) - (exact.columns[i].statistic as number))).toBeLessThanOrEqual(bound + 1e-12);
      }
    }
    const table = driftwatch('check', '-r', ref, '-c', cur, '--max-memory', '12MB');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Over the memory budget \(12 MB/);
    expect(table.stdout).toMatch(/^x .* sketch ±\d/m);
    expect(table.stdout).toMatch(/^city .* exact$/m);
  }, 120_000);

  it('a budget too small even for the summaries is a usage error (status 2) naming the flag', () => {
    const r = driftwatch('check', '-r', ref, '-c', cur, '--max-memory', '1MB');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--max-memory 1\.0 MB is too small/);
    const bad = driftwatch('check', '-r', ref, '-c', cur, '--max-memory', 'lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--max-memory "lots" is not a size/);
  }, 60_000);

  it('a method that needs every value stops with status 2 over the budget', () => {
    const r = driftwatch('check', '-r', ref, '-c', cur, '--method', 'x=mannw', '--max-memory', '12MB');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"mannw" needs every value of column "x".*--max-memory/);
  }, 60_000);
});

describe('driftwatch check --max-memory on the W1 workload (bench/w1, 300 000 rows a side)', () => {
  it('every verdict as in memory; Jensen–Shannon identical, Wasserstein within its stated bound', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-maxmem-w1-'));
    const gen = spawnSync(process.execPath, [join(root, 'bench/w1/generate.mjs'), '--rows', '300000', '--out', dir], { encoding: 'utf8' });
    expect(gen.status).toBe(0);
    const args = ['check', '-r', join(dir, 'w1-300000-reference.csv'), '-c', join(dir, 'w1-300000-current.csv'), '--format', 'json'];
    const exact = JSON.parse(driftwatch(...args).stdout) as DriftReport;
    const streamed = JSON.parse(driftwatch(...args, '--max-memory', '30MB').stdout) as DriftReport;
    expect(streamed.dataset.memory?.estimatedBytes).toBeGreaterThan(30 * 2 ** 20);
    expect(streamed.columns.map((c) => c.column)).toEqual(exact.columns.map((c) => c.column));
    for (const [i, c] of streamed.columns.entries()) {
      const e = exact.columns[i];
      expect(c.method).toBe(e.method);
      expect(c.drifted, c.column).toBe(e.drifted);
      if (c.path === 'sketch') {
        expect(Math.abs((c.statistic as number) - (e.statistic as number)), c.column).toBeLessThanOrEqual(
          (c.bound?.statistic as number) + 1e-12,
        );
      } else expect(c.statistic, c.column).toBe(e.statistic);
    }
    expect(streamed.columns.filter((c) => c.path === 'sketch').map((c) => c.column)).toContain('risk_score');
    expect(streamed.columns.find((c) => c.column === 'items_in_cart')?.path).toBe('histogram');
    expect(streamed.columns.find((c) => c.column === 'channel')?.path).toBe('exact');
  }, 180_000);
});
