// The dashboard in headless Chromium against `driftwatch serve` (the built CLI) on loopback, on a
// fresh SQLite store seeded by real runs of the example monitors and two real retraining attempts.
// Screenshots go to apps/dashboard/test-artifacts/screenshots/ (git-ignored); the path is printed.
// The page functions run in the browser; DOM types are not in this file's lib, hence `any` there.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const cli = join(root, 'apps/cli/dist/main.js');
const examples = join(root, 'examples');
const artifacts = join(root, 'apps/dashboard/test-artifacts/screenshots');
const executablePath = process.env.DRIFTWATCH_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (process.env.CI && (!haveChromium || !existsSync(cli)))
  throw new Error(
    `dashboard.e2e.test: ${haveChromium ? `${cli} is missing (build first)` : `Chromium not found at ${executablePath}`} and CI is set`,
  );

const env = { ...process.env, NO_COLOR: '1', DRIFTWATCH_EXAMPLES: examples, DRIFTWATCH_NODE: process.execPath };

/** Runs the built CLI in `cwd`; returns stdout, throws with stderr on a status not in `allow`. */
function driftwatch(cwd: string, args: string[], allow = [0]): string {
  const r = spawnSync(process.execPath, [cli, ...args, '--config', 'driftwatch.yaml'], { cwd, env, encoding: 'utf8' });
  if (!allow.includes(r.status ?? -1)) throw new Error(`driftwatch ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

/** The example config's monitors, the closed-loop demo's churn monitor (its model has versions), on a SQLite store in `dir`. */
async function seed(dir: string): Promise<void> {
  mkdirSync(join(dir, 'data'));
  for (const f of ['reference.csv', 'current.csv', 'scored-reference.csv', 'scored-current.csv'])
    copyFileSync(join(examples, 'data', f), join(dir, 'data', f));
  const { demoRowsToCsv, generateDemoData } = await import(join(examples, 'retraining/demoData.mjs'));
  const demo = generateDemoData({ laterWeeks: 2 });
  mkdirSync(join(dir, 'demo'));
  writeFileSync(join(dir, 'demo/reference.csv'), demoRowsToCsv(demo.reference));
  writeFileSync(join(dir, 'demo/current.csv'), demoRowsToCsv(demo.production));

  const example = parse(readFileSync(join(examples, 'driftwatch.yaml'), 'utf8'));
  const churn = parse(readFileSync(join(examples, 'demo/driftwatch.yaml'), 'utf8')).monitors[0];
  const config = {
    version: 1,
    store: { type: 'sqlite', path: 'driftwatch.db' },
    // The example's own sinks and alert log, less its StatsD plugin (a UDP sink, loaded from the examples folder).
    sinks: example.sinks.filter((s: { type: string }) => s.type !== 'statsd'),
    alerts: example.alerts,
    monitors: [
      ...example.monitors.map((m: Record<string, unknown>, i: number) => ({
        ...m,
        schedule: i === 0 ? '0 * * * *' : { every: '6h', jitter: '1m' },
      })),
      { ...churn, reference: { path: 'demo/reference.csv' }, current: { path: 'demo/current.csv' } },
    ],
  };
  writeFileSync(join(dir, 'driftwatch.yaml'), stringify(config));
  // Two runs of each example monitor (a chart needs points over time), then the churn model: v1 deployed, v2 rejected by the gate.
  for (let i = 0; i < 2; i++) driftwatch(dir, ['run', '--monitor', 'customers', '--monitor', 'churn-model'], [0, 1]);
  driftwatch(dir, ['retrain', 'churn', '--reason', 'first model']);
  driftwatch(dir, ['retrain', 'churn', '--reason', 'second look'], [0, 1, 3]);
}

/** The token `driftwatch tokens create` prints once, on its own line of stdout. */
function createToken(dir: string, scopes: string): string {
  const token = driftwatch(dir, ['tokens', 'create', '--name', `e2e-${scopes.replaceAll(',', '-')}`, '--scopes', scopes]).trim();
  expect(token).toMatch(/^dw_[A-Za-z0-9_-]{40,}$/);
  return token;
}

describe.skipIf(!haveChromium || !existsSync(cli))('the dashboard in headless Chromium against driftwatch serve', () => {
  let dir: string;
  let server: ChildProcess;
  let serverLog = '';
  let base: string;
  let admin: string;
  let context: BrowserContext;
  let page: Page;

  const shot = async (name: string) => {
    const path = join(artifacts, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  const api = async (path: string): Promise<any> => {
    const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(r.status, `${path}: ${await r.clone().text()}`).toBe(200);
    return r.json();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-dashboard-e2e-'));
    await seed(dir);
    admin = createToken(dir, 'admin');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [cli, 'serve', '--config', 'driftwatch.yaml', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d) => (serverLog += d));
    server.stderr?.on('data', (d) => (serverLog += d));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`driftwatch serve did not become ready:\n${serverLog}`);
      await new Promise((ok) => setTimeout(ok, 200));
    }
    mkdirSync(artifacts, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'dw-chromium-')), {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1360, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => {
      serverLog += `\n[page error] ${e.message}`;
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((ok) => server.once('exit', ok));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`dashboard e2e screenshots: ${artifacts}\n`);
  });

  it('signs in with a token and lists the example monitors on the overview', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#token');
    await shot('sign-in');
    await page.fill('#token', 'not-a-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('.error-box'), { timeout: 10_000 }).toContain('unknown or revoked');
    await page.fill('#token', admin);
    await page.click('button[type=submit]');
    await page.waitForSelector('.monitors-table tbody tr');
    const names = await page.$$eval('.monitors-table tbody tr', (rows: any[]) => rows.map((r) => r.getAttribute('data-monitor')));
    expect(names).toEqual(['customers', 'churn-model', 'churn']);
    // The session is an httpOnly cookie the page's script cannot read.
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'dw_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => (globalThis as any).document.cookie)).not.toContain('dw_session');
    const statuses = await page.$$eval('.monitors-table tbody tr [data-status]', (b: any[]) => b.map((x) => x.getAttribute('data-status')));
    const { monitors } = await api('/api/v1/monitors');
    expect(statuses).toEqual(monitors.map((m: { status: string }) => m.status));
    // Each run monitor's sparkline has one point per recorded run.
    expect(await page.$$eval('.monitors-table tbody tr[data-monitor="customers"] .sparkline', (s: any[]) => s.length)).toBe(1);
    await shot('overview');
  });

  it('draws the monitor charts with data', async () => {
    await page.goto(`${base}/#/monitors/churn-model`);
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.band-chart canvas').length >= 6, undefined, {
      timeout: 20_000,
    });
    await page.waitForSelector('[data-chart="drift-share"]');
    await page.waitForSelector('[data-chart="drift-score"]');
    const points = Object.fromEntries(
      await page.$$eval('[data-chart]', (hosts: any[]) =>
        hosts.map((h) => [h.getAttribute('data-chart'), Number(h.getAttribute('data-points'))]),
      ),
    );
    // Model quality per week of the last run: 8 reference weeks and 8 current ones, as in its result.
    const { monitor } = await api('/api/v1/monitors/churn-model');
    const { run } = await api(`/api/v1/runs/${monitor.lastRun.id}`);
    const f1 = run.result.performance.series.find((s: { metric: string }) => s.metric === 'f1');
    expect(points['quality-f1']).toBe(f1.reference.length + f1.points.length);
    expect(points['quality-f1']).toBe(16);
    expect(Object.keys(points).filter((k) => k.startsWith('quality-'))).toEqual([
      'quality-accuracy',
      'quality-f1',
      'quality-roc_auc',
      'quality-estimated-accuracy',
      'quality-estimated-f1',
      'quality-estimated-roc_auc',
    ]);
    // Drift over time: one point per recorded run-level point of the store's series.
    const runLevel = (s: { dimensions: Record<string, string> }) => s.dimensions.window === undefined && s.dimensions.chunk === undefined;
    const shares = (await api('/api/v1/series?name=dataset.drift_share&monitor=churn-model')).series.filter(runLevel);
    expect(points['drift-share']).toBe(
      new Set(shares.flatMap((s: { points: { timestamp: string }[] }) => s.points.map((p) => p.timestamp))).size,
    );
    expect(points['drift-share']).toBe(2); // the two seeded runs
    expect(points['drift-score']).toBe(2);
    const legend = await page.$$eval('[data-chart="drift-score"] .u-legend .u-series .u-label', (l: any[]) => l.map((x) => x.textContent));
    expect(legend.slice(1)).toEqual(
      run.result.drift.columns
        .map((c: { column: string; method: string }) => `${c.column} (${c.method})`)
        .sort((a: string, b: string) => a.localeCompare(b)),
    );
    // A canvas with content: enough painted pixels in every chart.
    const painted = await page.$$eval('.chart-host canvas', (canvases: any[]) =>
      canvases.map((c) => {
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0) n++;
        return n;
      }),
    );
    expect(painted.length).toBeGreaterThanOrEqual(6);
    for (const n of painted) expect(n).toBeGreaterThan(2000);
    await shot('monitor');
  });

  it('opens a run page with a row per column', async () => {
    await page.goto(`${base}/#/`);
    await page.click('.monitors-table tbody tr[data-monitor="customers"] td:nth-child(3) a');
    await page.waitForSelector('.columns-table tbody tr');
    const hash = await page.evaluate(() => (globalThis as any).location.hash as string);
    expect(hash).toMatch(/^#\/runs\//);
    const { run } = await api(`/api/v1/runs/${hash.slice('#/runs/'.length)}`);
    const rows = await page.$$eval('.columns-table tbody tr', (r: any[]) => r.map((x) => [x.getAttribute('data-column'), x.className]));
    const columns = run.result.drift.columns as { column: string; drifted: boolean }[];
    expect(rows.map(([c]) => c).sort()).toEqual(columns.map((c) => c.column).sort());
    for (const c of columns) expect(rows.find(([name]) => name === c.column)?.[1]).toBe(c.drifted ? 'row-drift' : '');
    // Reference vs current histograms: one chart per distribution the run recorded, with bars drawn.
    const recorded = (run.result.distributions as { column: string }[]).map((d) => d.column).sort();
    expect(recorded.length).toBeGreaterThan(0);
    const charts = await page.$$eval('.dist', (f: any[]) =>
      f.map((x) => [
        x.getAttribute('data-column'),
        [...x.querySelectorAll('rect.dist-ref')].filter((r: any) => Number(r.getAttribute('height')) > 0).length,
        [...x.querySelectorAll('rect.dist-cur')].filter((r: any) => Number(r.getAttribute('height')) > 0).length,
      ]),
    );
    expect(charts.map(([c]) => c).sort()).toEqual(recorded);
    for (const [, refBars, curBars] of charts) {
      expect(refBars).toBeGreaterThan(0);
      expect(curBars).toBeGreaterThan(0);
    }
    await shot('run');
  });

  it('shows the retraining attempts as timelines', async () => {
    await page.goto(`${base}/#/retraining`);
    await page.waitForSelector('.attempt');
    const steps = await page.$$eval('.attempt', (a: any[]) =>
      a.map((x) => [...x.querySelectorAll('.tl-state')].map((s: any) => s.textContent)),
    );
    const { attempts } = await api('/api/v1/retraining/attempts');
    expect(steps).toEqual(attempts.map((a: { transitions: { to: string }[] }) => a.transitions.map((t) => t.to)));
    expect(steps[0]?.at(-1)).toBe('rejected');
    expect(steps[1]?.at(-1)).toBe('deployed');
    await shot('retraining');
  });

  it('asks for a confirmation before promoting a version', async () => {
    await page.goto(`${base}/#/models/churn`);
    await page.waitForSelector('.versions-table tbody tr');
    const before = (await api('/api/v1/models/churn')).model;
    expect(before.champion.version).toBe('1');
    await page.click('tr[data-version="2"] button');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Promote churn v2?');
    await shot('promote-confirm');
    await dialog.locator('button', { hasText: 'Cancel' }).click();
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    expect((await api('/api/v1/models/churn')).model.champion.version).toBe('1');
    // Confirmed, it promotes (the dashboard sends the session's CSRF token).
    await page.click('tr[data-version="2"] button');
    await page.locator('dialog[open] button', { hasText: 'Promote v2' }).click();
    await page.waitForSelector('.notice-ok');
    expect((await api('/api/v1/models/churn')).model.champion.version).toBe('2');
    // The table reloads after the notice: wait for the new champion row.
    await page.waitForSelector('tr.row-champion[data-version="2"]');
    expect(await page.textContent('tr.row-champion')).toContain('v2');
    await shot('model-promoted');
  });
});
