import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MultivariateDrift } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: a monitor with `drift.multivariate` and `windows:` run from a config, on the NannyML
// fixture of @driftwatch/drift (packages/drift/scripts/reference/gen_reconstruction.py).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

interface Case {
  name: string;
  chunkSize: number;
  reference: { name: string; values: (number | string | null)[] }[];
  current: { name: string; values: (number | string | null)[] }[];
  expected: { upper: number; points: { value: number; alert: boolean }[] };
}

function driftwatch(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(path: string, columns: Case['reference']): void {
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < columns[0].values.length; i++)
    lines.push(columns.map((c) => (c.values[i] === null ? '' : String(c.values[i]))).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

let dir: string;
let c: Case;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-monitor-mv-'));
  const fixture = JSON.parse(readFileSync(join(root, 'packages/drift/src/multivariate/__fixtures__/reconstruction.json'), 'utf8')) as {
    cases: Case[];
  };
  c = fixture.cases.find((x) => x.name.startsWith('correlation')) as Case;
  mkdirSync(join(dir, 'data'));
  csv(join(dir, 'data/ref.csv'), c.reference);
  csv(join(dir, 'data/cur.csv'), c.current);
});

describe('driftwatch run with drift.multivariate', () => {
  it('adds the multivariate section, publishes its points per window and fires rules on them', () => {
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
alerts:
  channels:
    - { type: log, path: out/alerts.log }
monitors:
  - name: loans
    reference: { path: data/ref.csv }
    current: { path: data/cur.csv }
    drift: { multivariate: reconstruction }
    windows: { size: ${c.chunkSize} }
    alerts:
      - { name: joint-drift, metric: multivariate.alert, comparison: gte, threshold: 1 }
`,
    );
    const r = driftwatch(dir, 'run', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const run = JSON.parse(r.stdout) as {
      multivariate: MultivariateDrift;
      alerts: { alert: { rule: string; values: Record<string, unknown> } }[];
    };
    expect(run.multivariate.method).toBe('reconstruction');
    expect(Math.abs((run.multivariate.upper as number) - c.expected.upper)).toBeLessThan(1e-6);
    c.expected.points.forEach((p, i) => {
      expect(Math.abs((run.multivariate.points[i].value as number) - p.value)).toBeLessThan(1e-6);
      expect(run.multivariate.points[i].alert).toBe(p.alert);
    });
    const fired = run.alerts.filter((a) => a.alert.rule === 'joint-drift').map((a) => a.alert.values.chunk);
    expect(fired).toEqual(run.multivariate.points.filter((p) => p.alert).map((p) => p.chunk));

    const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; value: number; dimensions: Record<string, string> });
    const values = points.filter((p) => p.name === 'multivariate.value');
    expect(values.map((p) => p.value)).toEqual(run.multivariate.points.map((p) => p.value));
    expect(values[0]?.dimensions).toMatchObject({ monitor: 'loans', method: 'reconstruction', window: `${c.chunkSize}-rows` });
  });
});
