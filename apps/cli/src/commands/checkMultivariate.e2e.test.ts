import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChunkedDriftReport } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: `check --multivariate` as a user runs it, on the NannyML fixture of @driftwatch/drift
// (packages/drift/scripts/reference/gen_reconstruction.py), written out as CSV files.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const main = join(root, 'apps/cli/dist/main.js');
const fixturePath = join(root, 'packages/drift/src/multivariate/__fixtures__/reconstruction.json');

interface FixtureColumn {
  name: string;
  values: (number | string | null)[];
}
interface Case {
  name: string;
  chunkSize: number;
  reference: FixtureColumn[];
  current: FixtureColumn[];
  expected: { lower: number | null; upper: number; components: number; points: { value: number; alert: boolean }[] };
}

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(path: string, columns: FixtureColumn[]): string {
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < columns[0].values.length; i++)
    lines.push(columns.map((c) => (c.values[i] === null ? '' : String(c.values[i]))).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let dir: string;
let cases: Case[];
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-multivariate-'));
  cases = (JSON.parse(readFileSync(fixturePath, 'utf8')) as { cases: Case[] }).cases;
});

describe('driftwatch check --multivariate', () => {
  it("prints NannyML's reconstruction errors, thresholds and alerts in the JSON report (to 1e-6, from CSV files)", () => {
    for (const c of cases.filter((x) => x.name.startsWith('correlation') || x.name.startsWith('missing'))) {
      const ref = csv(join(dir, 'ref.csv'), c.reference);
      const cur = csv(join(dir, 'cur.csv'), c.current);
      const r = driftwatch(
        'check',
        '-r',
        ref,
        '-c',
        cur,
        '--window',
        String(c.chunkSize),
        '--multivariate',
        'reconstruction',
        '--format',
        'json',
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const m = (JSON.parse(r.stdout) as ChunkedDriftReport).multivariate;
      expect(m?.method).toBe('reconstruction');
      expect(m?.components).toBe(c.expected.components);
      expect(Math.abs((m?.upper as number) - c.expected.upper)).toBeLessThan(1e-6);
      expect(m?.lower === null).toBe(c.expected.lower === null);
      expect(m?.points.map((p) => p.alert)).toEqual(c.expected.points.map((p) => p.alert));
      for (const [i, p] of c.expected.points.entries()) expect(Math.abs((m?.points[i].value as number) - p.value)).toBeLessThan(1e-6);
    }
  });

  it('shows the series in the table and the classifier in the JSON; exits 2 without chunks', () => {
    const c = cases.find((x) => x.name.startsWith('mean shift')) as Case;
    const ref = csv(join(dir, 'ref2.csv'), c.reference);
    const cur = csv(join(dir, 'cur2.csv'), c.current);
    const table = driftwatch('check', '-r', ref, '-c', cur, '--window', '150', '--multivariate', 'reconstruction');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/Multivariate \(PCA reconstruction error of 6 columns, 3 components .*\): 2 of 2 chunks alert/);
    const json = driftwatch('check', '-r', ref, '-c', cur, '--chunks', '2', '--multivariate', 'classifier', '--format', 'json');
    expect(json.status).toBe(0);
    const m = (JSON.parse(json.stdout) as ChunkedDriftReport).multivariate;
    expect(m?.method).toBe('classifier');
    for (const p of m?.points ?? []) {
      expect(p.value as number).toBeGreaterThan(0.8);
      expect(p.alert).toBe(true);
    }
    const html = driftwatch('check', '-r', ref, '-c', cur, '--window', '150', '--multivariate', 'reconstruction', '-f', 'html');
    expect(html.status).toBe(0);
    expect(html.stdout).toContain('Multivariate drift — reconstruction');
    const bad = driftwatch('check', '-r', ref, '-c', cur, '--multivariate', 'reconstruction');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--multivariate needs chunks/);
  });
});
