import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import sklearn from './__fixtures__/scored-metrics.json' with { type: 'json' };

// End to end: a monitor with `performance:` and `windows:` run from a config.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-monitor-'));
  for (const f of ['scored-reference.csv', 'scored-current.csv']) cpSync(join(root, 'examples/data', f), join(dir, 'data', f));
});

const config = (performance: string) => `version: 1
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
alerts:
  channels:
    - { type: log, path: out/alerts.log }
monitors:
  - name: churn
    reference: { path: data/scored-reference.csv }
    current: { path: data/scored-current.csv }
    schema: { id: customer_id, timestamp: ts, target: churned, prediction: churn_predicted, proba: churn_score }
${performance}
    windows: { period: week }
    alerts:
      - { name: f1-high, metric: performance.f1, comparison: gt, threshold: 0.6, severity: critical }
`;

interface RunJson {
  status: string;
  drift: { dataset: { drifted: boolean } };
  performance: { series: { metric: string; points: { chunk: string; value: number | null; alert: boolean }[] }[] };
  estimation: { series: { metric: string; points: { chunk: string; estimate: number; realised?: number }[] }[] };
  windows: { kind: string; summary: { chunks: number; driftedChunkKeys: string[] } };
  alerts: { alert: { rule: string; values: Record<string, unknown> } }[];
}

describe('driftwatch run with performance and windows', () => {
  it('adds realised metrics, CBPE estimates and windowed drift to the run, publishes them and fires rules on them', () => {
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      config('    performance: { task: classification, metrics: [f1, roc_auc], estimate: true }'),
    );
    const r = driftwatch(dir, 'run', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const run = JSON.parse(r.stdout) as RunJson;
    const weeks = sklearn.weeks as Record<string, Record<string, number>>;
    const f1 = run.performance.series.find((s) => s.metric === 'f1');
    for (const p of f1?.points ?? []) {
      const expected = (weeks[p.chunk] as Record<string, number>).f1;
      if (expected === undefined) expect(p.value).toBeNull();
      else expect(Math.abs((p.value as number) - expected)).toBeLessThan(1e-12);
    }
    expect(run.estimation.series.map((s) => s.metric)).toEqual(['f1', 'roc_auc']);
    expect(run.estimation.series[0]?.points).toHaveLength(8);
    expect(run.windows).toMatchObject({ kind: 'chunked-drift', summary: { chunks: 8 } });
    // The inputs drift more every week from 2026-W12 on.
    expect(run.windows.summary.driftedChunkKeys).toContain('2026-W17');
    // f1 > 0.6 in 2026-W14 and 2026-W15 (scikit-learn: 0.647, 0.723).
    expect(run.alerts.filter((a) => a.alert.rule === 'f1-high').map((a) => a.alert.values.chunk)).toEqual(['2026-W14', '2026-W15']);

    const points = readFileSync(join(dir, 'out/metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; dimensions: Record<string, string> });
    const names = new Set(points.map((p) => p.name));
    for (const n of ['drift.score', 'dataset.drift_share', 'performance.f1', 'performance.roc_auc', 'estimated.f1', 'estimated.roc_auc'])
      expect(names).toContain(n);
    expect(points.filter((p) => p.name === 'estimated.f1').map((p) => p.dimensions.chunk)).toHaveLength(8);
    expect(points.every((p) => p.dimensions.monitor === 'churn')).toBe(true);

    // History keeps the quality figures of the run.
    const history = driftwatch(dir, 'history', '--format', 'json');
    expect(history.status).toBe(0);
    const [row] = (
      JSON.parse(history.stdout) as {
        runs: { performance: Record<string, number>; driftedWindows: { drifted: number; windows: number }; qualityAlerts: number }[];
      }
    ).runs;
    expect(Math.abs((row?.performance.f1 as number) - sklearn.overall.f1)).toBeLessThan(1e-12);
    expect(row?.driftedWindows).toEqual({ drifted: run.windows.summary.driftedChunkKeys.length, windows: 8 });
    expect(row?.qualityAlerts).toBe(
      (run as unknown as { performance: { alerts: unknown[] }; estimation: { alerts: unknown[] } }).performance.alerts.length +
        (run as unknown as { estimation: { alerts: unknown[] } }).estimation.alerts.length,
    );
    expect(driftwatch(dir, 'history').stdout).toMatch(/windows drifted\s+performance\s+quality alerts/);
  });

  it('names the config path when performance settings do not fit the data', () => {
    writeFileSync(join(dir, 'driftwatch.yaml'), config('    performance: { task: classification, metrics: [f1, rmse] }'));
    const r = driftwatch(dir, 'run');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/rmse/);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      config('    performance: { task: classification, metrics: [f1], thresholds: { f9: 0.5 } }'),
    );
    const t = driftwatch(dir, 'run');
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/monitors\[0\]\.performance\.thresholds\.f9: unknown metric "f9"/);
  });
});
