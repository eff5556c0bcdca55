import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  binaryAvailability,
  freePort,
  prometheusBinary,
  pushgatewayBinary,
  type RunningProgram,
  skipWithout,
  startPrometheus,
  startPushgateway,
} from '@driftwatch/plugin-prometheus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli, root, writeAgeIncome } from './__tests__/builtCli.js';

// End to end: `driftwatch run` pushes its figures to Debian's real Pushgateway, Debian's real
// Prometheus scrapes the gateway, and PromQL over Prometheus's HTTP API returns the run's figures.
const available = [binaryAvailability(pushgatewayBinary), binaryAvailability(prometheusBinary)];
const skip = available.some(skipWithout);

function driftwatch(cwd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [main, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** An instant PromQL query over Prometheus's HTTP API (`GET /api/v1/query`). */
async function query(prometheus: RunningProgram, promql: string): Promise<VectorSample[]> {
  const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as { status: string; data: { resultType: string; result: VectorSample[] }; error?: string };
  expect(body.status, body.error).toBe('success');
  expect(body.data.resultType).toBe('vector');
  return body.data.result;
}

/** Polls `promql` until it returns `count` series (a scrape happens every second), at most 30 s. */
async function waitFor(prometheus: RunningProgram, promql: string, count: number): Promise<VectorSample[]> {
  const deadline = Date.now() + 30_000;
  let last: VectorSample[] = [];
  while (Date.now() < deadline) {
    last = await query(prometheus, promql);
    if (last.length === count) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${promql}: ${last.length} series after 30 s, expected ${count}\n${prometheus.output()}`);
}

describe.skipIf(skip)('driftwatch run → Pushgateway → Prometheus', () => {
  let gateway: RunningProgram;
  let prometheus: RunningProgram;
  beforeAll(async () => {
    requireBuiltCli();
    gateway = await startPushgateway();
    prometheus = await startPrometheus([{ job: 'pushgateway', target: gateway.url.replace('http://', ''), honorLabels: true }]);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await gateway?.stop();
  });

  it('PromQL returns the drift figures the run computed, labelled by monitor, feature and method', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-prom-'));
    writeAgeIncome(dir, 400, 15);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - type: pushgateway
    url: \${PUSHGATEWAY_URL}
    job: driftwatch-e2e
    grouping: { env: ci }
monitors:
  - name: customers
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
    );
    const run = await driftwatch(dir, ['run', '--format', 'json'], { PUSHGATEWAY_URL: gateway.url });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as {
      drift: {
        dataset: { share: number };
        columns: { column: string; method: string; measure: string; pValue?: number; statistic: number; drifted: boolean }[];
      };
      sinks: { type: string; sent: number; pending: number }[];
    };
    const columns = result.drift.columns;
    expect(columns.map((c) => c.column).sort()).toEqual(['age', 'income']);
    expect(result.sinks).toEqual([expect.objectContaining({ type: 'pushgateway', sent: columns.length + 1, pending: 0 })]);

    const scores = await waitFor(prometheus, 'driftwatch_drift_score{job="driftwatch-e2e",monitor="customers"}', columns.length);
    for (const c of columns) {
      const s = scores.find((x) => x.metric.feature === c.column);
      // The gateway's empty `instance` is no label at all once scraped; no run id, no window.
      expect(s?.metric).toEqual({
        __name__: 'driftwatch_drift_score',
        job: 'driftwatch-e2e',
        env: 'ci',
        monitor: 'customers',
        feature: c.column,
        method: c.method,
        measure: c.measure,
      });
      expect(Number(s?.value[1])).toBe(c.measure === 'p_value' ? c.pValue : c.statistic);
    }
    const [share] = await waitFor(prometheus, 'driftwatch_dataset_drift_share{monitor="customers"}', 1);
    expect(Number(share?.value[1])).toBe(result.drift.dataset.share);
    expect(result.drift.dataset.share).toBe(0.5);

    // A query the way an alert rule would ask: the features whose p-value is under 0.05.
    const drifted = await query(prometheus, 'driftwatch_drift_score{monitor="customers",measure="p_value"} < 0.05');
    expect(drifted.map((s) => s.metric.feature).sort()).toEqual(
      columns
        .filter((c) => c.measure === 'p_value' && (c.pValue as number) < 0.05)
        .map((c) => c.column)
        .sort(),
    );
    expect(drifted.map((s) => s.metric.feature)).toContain('age');
  });

  it('keeps the points of a run whose gateway is down in the outbox, and "sinks flush" pushes them once it is up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dw-prom-'));
    writeAgeIncome(dir, 200, 15);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
sinks:
  - { type: pushgateway, url: "\${PUSHGATEWAY_URL}", job: driftwatch-outbox, retries: 0 }
monitors:
  - name: customers
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
    );
    const port = await freePort();
    const env = { PUSHGATEWAY_URL: `http://127.0.0.1:${port}` };
    const down = await driftwatch(dir, ['run', '--format', 'json'], env);
    expect(down.status).toBe(4);
    expect(down.stderr).toMatch(/pushgateway/);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    const failed = JSON.parse(down.stdout) as { sinks: { type: string; sent: number; pending: number }[]; failedSinks: string[] };
    expect(failed.sinks).toEqual([expect.objectContaining({ type: 'pushgateway', sent: 0, pending: 3 })]);

    const late = await startPushgateway({ port });
    try {
      const flush = await driftwatch(dir, ['sinks', 'flush'], env);
      expect(flush.stderr).toBe('');
      expect(flush.status).toBe(0);
      expect(flush.stdout).toMatch(/sinks\[0\] \(pushgateway\) 3 sent \(3 from the outbox\)/);
      const res = await fetch(`${late.url}/metrics`);
      const text = await res.text();
      expect(text).toMatch(/^driftwatch_dataset_drift_share\{instance="",job="driftwatch-outbox",monitor="customers"\} 0\.5$/m);
      expect(text.match(/^driftwatch_drift_score\{/gm)).toHaveLength(2);
      const again = await driftwatch(dir, ['sinks', 'flush'], env);
      expect(again.stdout).not.toMatch(/from the outbox/);
    } finally {
      await late.stop();
    }
  });

  it('validates and runs the example config against the gateway', async () => {
    const example = join(root, 'examples/prometheus/driftwatch.yaml');
    const dir = mkdtempSync(join(tmpdir(), 'dw-prom-example-'));
    // The example's data paths are relative to its folder: run a copy beside the same data.
    mkdirSync(join(dir, 'prometheus'));
    mkdirSync(join(dir, 'data'));
    for (const f of ['reference.csv', 'current.csv']) copyFileSync(join(root, 'examples/data', f), join(dir, 'data', f));
    copyFileSync(example, join(dir, 'prometheus/driftwatch.yaml'));
    const env = { PUSHGATEWAY_URL: gateway.url, DEPLOY_ENV: 'staging' };
    const valid = await driftwatch(dir, ['config', 'validate', '--config', 'prometheus/driftwatch.yaml'], env);
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    const run = await driftwatch(dir, ['run', '--config', 'prometheus/driftwatch.yaml'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/^driftwatch_dataset_drift_share\{env="staging",instance="",job="driftwatch",monitor="customers"\} [\d.]+$/m);
  });
});

describe('the Prometheus configs the READMEs show', () => {
  /** The first ```yaml block of a README after the line `heading` (or from the top). */
  const yamlBlock = (readme: string, heading?: string) => {
    const text = readFileSync(join(root, readme), 'utf8');
    const at = heading === undefined ? 0 : text.indexOf(`\n${heading}\n`);
    const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(Math.max(at, 0)))?.[1];
    if (at < 0 || block === undefined) throw new Error(`${readme}: no yaml block after "${heading}"`);
    return block;
  };
  const monitor = 'monitors:\n  - name: m\n    reference: { path: reference.csv }\n    current: { path: current.csv }\n';

  it.each([
    ['packages/plugin-prometheus/README.md', undefined],
    ['README.md', '#### Prometheus'],
  ])('%s %s validates, its secrets redacted', async (readme, heading) => {
    requireBuiltCli();
    const dir = mkdtempSync(join(tmpdir(), 'dw-prom-readme-'));
    writeAgeIncome(dir, 50, 0);
    writeFileSync(join(dir, 'driftwatch.yaml'), `version: 1\n${yamlBlock(readme, heading)}${monitor}`);
    const env = { PUSHGATEWAY_URL: 'http://127.0.0.1:9091', PUSHGATEWAY_PASSWORD: 'pg-pass-from-env-123' };
    const valid = await driftwatch(dir, ['config', 'validate'], env);
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    expect(valid.stdout).toMatch(/^ok: driftwatch\.yaml: 1 monitor \(m\), 1 sink/);
    const show = await driftwatch(dir, ['config', 'show'], env);
    expect(show.status).toBe(0);
    expect(show.stdout).not.toContain('pg-pass-from-env-123');
    expect(JSON.parse(show.stdout).sinks[0]).toMatchObject({ type: 'pushgateway', url: 'http://127.0.0.1:9091', job: 'driftwatch' });
  });

  it('a bad pushgateway option is a config error naming its path (exit 2)', async () => {
    requireBuiltCli();
    const dir = mkdtempSync(join(tmpdir(), 'dw-prom-bad-'));
    writeAgeIncome(dir, 50, 0);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1\nsinks:\n  - { type: pushgateway, url: "ftp://x", grouping: { job: a }, basicAuth: { username: u, password: hunter2-secret } }\n${monitor}`,
    );
    const r = await driftwatch(dir, ['config', 'validate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sinks\[0\]\.url: an http\(s\) URL/);
    expect(r.stderr).toMatch(/sinks\[0\]\.grouping\.job: "job" is the grouping key's first label/);
    expect(r.stderr).not.toContain('hunter2-secret');
  });
});
