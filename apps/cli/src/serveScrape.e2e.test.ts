import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  binaryAvailability,
  prometheusBinary,
  type RunningProgram,
  skipWithout,
  startPrometheus,
} from '@driftwatch/plugin-prometheus/testing';
import { SqliteRunStore } from '@driftwatch/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli, root, writeAgeIncome } from './__tests__/builtCli.js';

// End to end: the built `driftwatch serve` on a SQLite store runs a monitor on request, Debian's
// real Prometheus scrapes its /metrics with a read token as the README's scrape config shows, and
// PromQL over Prometheus's HTTP API returns the figures of the run that /api/v1/runs/{id} returns.
const skip = skipWithout(binaryAvailability(prometheusBinary));
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

const adminToken = 'dw_e2e_admin_3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e1f';
const readToken = 'dw_e2e_read_9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d';

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

/** Polls `promql` until `done` holds for its series (a scrape happens every second), at most 30 s. */
async function waitFor(prometheus: RunningProgram, promql: string, done: (s: VectorSample[]) => boolean): Promise<VectorSample[]> {
  const deadline = Date.now() + 30_000;
  let last: VectorSample[] = [];
  while (Date.now() < deadline) {
    last = await query(prometheus, promql);
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  const targets = await (await fetch(`${prometheus.url}/api/v1/targets`)).text();
  throw new Error(`${promql}: ${JSON.stringify(last)} after 30 s\ntargets: ${targets}\n${prometheus.output()}`);
}

/** The ```yaml block of README.md after the paragraph starting `lead`. */
function readmeYaml(lead: string): string {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const at = text.indexOf(lead);
  const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(Math.max(at, 0)))?.[1];
  if (at < 0 || block === undefined) throw new Error(`README.md: no yaml block after "${lead}"`);
  return block;
}

describe.skipIf(skip)('driftwatch serve → Prometheus scrape of /metrics', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let url: string;
  let serverErr = '';
  let prometheus: RunningProgram | undefined;

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'dw-serve-scrape-'));
    writeAgeIncome(dir, 400, 15);
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1
store: { type: sqlite, path: store.db }
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
    );
    const store = new SqliteRunStore(join(dir, 'store.db'));
    const createdAt = new Date().toISOString();
    const hash = (t: string) => createHash('sha256').update(t).digest('hex');
    await store.tokens().create({ id: 'admin', name: 'e2e-admin', scopes: ['admin'], hash: hash(adminToken), createdAt });
    await store.tokens().create({ id: 'prom', name: 'prometheus', scopes: ['read'], hash: hash(readToken), createdAt });
    // Stored points a plugin's sink or an older version may have written: two dimensions that make
    // one label name (Prometheus refuses a whole scrape with a duplicate label), and a `__` name
    // (reserved for Prometheus's own labels).
    await store.series().append([
      {
        name: 'custom.score',
        value: 1,
        unit: 'None',
        timestamp: createdAt,
        dimensions: { monitor: 'credit', 'segment.region': 'eu', segment_region: 'x' },
      },
      { name: 'custom.score', value: 2, unit: 'None', timestamp: createdAt, dimensions: { monitor: 'credit', segment_region: 'eu' } },
      { name: 'custom.other', value: 3, unit: 'None', timestamp: createdAt, dimensions: { monitor: 'credit', __secret: 'y' } },
    ]);
    store.shutdown();

    const proc = spawn(process.execPath, [main, 'serve', '--port', '0'], {
      cwd: dir,
      env: { ...process.env, DRIFTWATCH_LOG_LEVEL: 'info' },
    });
    server = proc;
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving" line in 60 s: ${serverErr}`)), 60_000);
      proc.stderr.on('data', (chunk: Buffer) => {
        serverErr += String(chunk);
        const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(serverErr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] as string);
        }
      });
      proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${serverErr}`)));
    });

    // The README's scrape config as a user would paste it: only the token and the address differ.
    const snippet = readmeYaml('**Scraping `driftwatch serve`.**');
    expect(snippet).toContain('dw_read_token_here');
    expect(snippet).toContain('"127.0.0.1:8080"');
    const scrapeConfigs = snippet
      .replace('dw_read_token_here', readToken)
      .replace('"127.0.0.1:8080"', JSON.stringify(url.replace('http://', '')));
    prometheus = await startPrometheus([], { scrapeConfigs });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.on('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('PromQL returns the drift figures of the run /api/v1/runs/{id} returns, and the run counters', async () => {
    const p = prometheus as RunningProgram;
    const address = url.replace('http://', '');
    // Without a token /metrics is refused; Prometheus's scrape, with the read token, is up.
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const [up] = await waitFor(p, 'up{job="driftwatch"}', (s) => s.length === 1 && s[0]?.value[1] === '1');
    expect(up?.metric).toEqual({ __name__: 'up', job: 'driftwatch', instance: address });

    const admin = { authorization: `Bearer ${adminToken}` };
    const started = await fetch(`${url}/api/v1/monitors/credit/runs`, { method: 'POST', headers: admin });
    expect(started.status).toBe(202);
    let runs: { id: string; status: string }[] = [];
    const end = Date.now() + 60_000;
    while (!(runs.length === 1 && runs[0]?.status !== 'started')) {
      if (Date.now() > end) throw new Error(`the run did not end: ${JSON.stringify(runs)}\n${serverErr}`);
      await new Promise((r) => setTimeout(r, 100));
      runs = ((await (await fetch(`${url}/api/v1/monitors/credit/runs`, { headers: admin })).json()) as { runs: typeof runs }).runs;
    }
    const runId = (runs[0] as { id: string }).id;
    const { run } = (await (await fetch(`${url}/api/v1/runs/${encodeURIComponent(runId)}`, { headers: admin })).json()) as {
      run: {
        status: string;
        result: {
          drift: {
            dataset: { share: number };
            columns: { column: string; method: string; measure: string; pValue?: number; statistic: number }[];
          };
        };
      };
    };
    expect(run.status).toBe('drift');
    const columns = run.result.drift.columns;
    expect(columns.map((c) => c.column).sort()).toEqual(['age', 'income']);

    const scores = await waitFor(p, 'driftwatch_drift_score{job="driftwatch",monitor="credit"}', (s) => s.length === columns.length);
    for (const c of columns) {
      const s = scores.find((x) => x.metric.feature === c.column);
      // Prometheus's own job and instance, the stored point's dimensions less the run id.
      expect(s?.metric).toEqual({
        __name__: 'driftwatch_drift_score',
        job: 'driftwatch',
        instance: address,
        monitor: 'credit',
        feature: c.column,
        method: c.method,
        measure: c.measure,
      });
      expect(Number(s?.value[1])).toBe(c.measure === 'p_value' ? c.pValue : c.statistic);
    }
    const [share] = await waitFor(p, 'driftwatch_dataset_drift_share{job="driftwatch",monitor="credit"}', (s) => s.length === 1);
    expect(Number(share?.value[1])).toBe(run.result.drift.dataset.share);
    expect(run.result.drift.dataset.share).toBe(0.5);
    // An alert rule's question: the features whose p-value is under 0.05 — age drifts, income does not.
    const drifted = await query(p, 'driftwatch_drift_score{monitor="credit",measure="p_value"} < 0.05');
    expect(drifted.map((s) => s.metric.feature)).toEqual(['age']);

    // The run counters of the serving process: one run, ended with drift, none failed.
    const counted = await waitFor(p, 'driftwatch_runs_total{job="driftwatch"}', (s) => s.length === 1);
    expect(counted[0]?.metric).toMatchObject({ monitor: 'credit', status: 'drift' });
    expect(counted[0]?.value[1]).toBe('1');
    expect(await query(p, 'driftwatch_run_failures_total{job="driftwatch"}')).toEqual([]);
    const [durations] = await query(p, 'driftwatch_run_duration_seconds_count{job="driftwatch",monitor="credit"}');
    expect(durations?.value[1]).toBe('1');
    const [requests] = await query(
      p,
      'driftwatch_http_requests_total{job="driftwatch",route="/api/v1/monitors/:monitor/runs",method="POST"}',
    );
    expect(requests?.metric.status).toBe('202');
    expect(requests?.value[1]).toBe('1');
    // The point with a duplicate label is left out and counted; the scrape is up with the others.
    const [left] = await query(p, 'driftwatch_metrics_dropped_series{job="driftwatch"}');
    expect(left?.metric.metric).toBe('driftwatch_custom_score');
    expect(left?.value[1]).toBe('1');
    const custom = (await query(p, '{job="driftwatch",__name__=~"driftwatch_custom_.+"}')).sort((a, b) =>
      String(a.metric.__name__).localeCompare(String(b.metric.__name__)),
    );
    expect(custom.map((s) => [s.metric, s.value[1]])).toEqual([
      [{ __name__: 'driftwatch_custom_other', job: 'driftwatch', instance: address, monitor: 'credit', secret: 'y' }, '3'],
      [{ __name__: 'driftwatch_custom_score', job: 'driftwatch', instance: address, monitor: 'credit', segment_region: 'eu' }, '2'],
    ]);
    // Every sample of the page was taken: none refused as out of order, duplicate or unparsable.
    const [scraped] = await query(p, 'scrape_samples_scraped{job="driftwatch"}');
    const [added] = await query(p, 'scrape_samples_post_metric_relabeling{job="driftwatch"}');
    expect(Number(scraped?.value[1])).toBeGreaterThan(50);
    expect(added?.value[1]).toBe(scraped?.value[1]);
  });

  it.skipIf(!promtool)('promtool check metrics parses /metrics; its lint finds only prom-client’s own gauge names', async () => {
    const page = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${readToken}` } })).text();
    expect(page).toMatch(/^driftwatch_drift_score\{feature="age",measure="p_value",method="[a-z_]+",monitor="credit"\} [\d.e-]+$/m);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: page, encoding: 'utf8' });
    const problems = `${check.stdout}${check.stderr}`.trim().split('\n').filter(Boolean);
    // Exit 1 is a parse error; 3 is lint problems only. prom-client names three of its Node.js
    // gauges `…_total` (nodejs_active_handles_total and the like): its names, kept as they are.
    expect(
      problems.filter((l) => !/^driftwatch_nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/.test(l)),
    ).toEqual([]);
    expect([0, 3]).toContain(check.status);
  });
});
