import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRunStore } from '@driftwatch/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreUrl, main, requireBuiltCli, writeAgeIncome, zodUrl } from './__tests__/builtCli.js';

// End to end: the built `driftwatch serve` on a SQLite store, over loopback HTTP, stopped by a
// real SIGTERM while its scheduled run is in flight.

const token = 'dw_e2e_admin_7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e';
let dir: string;
let child: ChildProcess | undefined;

beforeAll(async () => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-serve-'));
  writeAgeIncome(dir, 400, 15);
  // A sink that takes 2.5 s to publish (the run is in flight meanwhile) and then writes the points.
  writeFileSync(
    join(dir, 'slow-sink.mjs'),
    `import { appendFileSync, writeFileSync } from 'node:fs';
import { definePlugin, defineProvider } from '${coreUrl}';
import { z } from '${zodUrl}';
export default definePlugin({
  name: 'slow-sink',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'slow',
      description: 'writes points to a file after a delay',
      options: z.object({ path: z.string(), delayMs: z.number() }).strict(),
      create: (options, context) => ({
        type: 'slow',
        async publish(points) {
          writeFileSync(context.baseDir + '/publishing', '');
          await new Promise((r) => setTimeout(r, options.delayMs));
          appendFileSync(context.baseDir + '/' + options.path, points.map((p) => JSON.stringify(p) + '\\n').join(''));
        },
        async flush() {},
      }),
    }),
  ],
});
`,
  );
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
plugins: [./slow-sink.mjs]
store: { type: sqlite, path: store.db }
sinks: [{ type: slow, path: points.jsonl, delayMs: 2500 }]
server: { shutdownTimeout: 20s }
monitors:
  - name: credit
    # Yearly, never run before: the missed-run policy runs it once at start.
    schedule: "0 0 1 1 *"
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
  );
  const store = new SqliteRunStore(join(dir, 'store.db'));
  await store.tokens().create({
    id: 't1',
    name: 'e2e',
    scopes: ['admin'],
    hash: createHash('sha256').update(token).digest('hex'),
    createdAt: new Date().toISOString(),
  });
  store.shutdown();
});
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `driftwatch serve` on a free port; resolves its URL from the line it prints. */
function startServer(cwd = dir): Promise<{ url: string; exit: Promise<number | null>; stderr: () => string }> {
  const proc = spawn(process.execPath, [main, 'serve', '--port', '0'], { cwd, env: { ...process.env, DRIFTWATCH_LOG_LEVEL: 'info' } });
  child = proc;
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" line in 60 s: ${stderr}`)), 60_000);
    proc.stderr.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, exit, stderr: () => stderr });
      }
    });
    void exit.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

const waitFor = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('driftwatch serve', () => {
  it('serves over loopback and, on SIGTERM with a run in flight, finishes it, keeps the accepted events and exits 143', async () => {
    const server = await startServer();
    const auth = { authorization: `Bearer ${token}` };
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
    expect((await fetch(`${server.url}/api/v1/monitors`)).status).toBe(401);
    // The dashboard is served at / by the same process.
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);

    await waitFor(() => existsSync(join(dir, 'publishing')), 60_000);
    const monitors = (await (await fetch(`${server.url}/api/v1/monitors`, { headers: auth })).json()) as { monitors: unknown[] };
    expect(monitors.monitors).toMatchObject([{ name: 'credit', status: 'running', schedule: { cron: '0 0 1 1 *', missed: 'run-once' } }]);
    const events = await fetch(`${server.url}/api/v1/monitors/credit/events`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-ndjson', 'idempotency-key': 'e2e-1' },
      body: '{"id":"a","features":{"age":40,"income":31000}}\n{"id":"b","features":{"age":41,"income":null}}\n',
    });
    expect(await events.json()).toEqual({ stored: 2, duplicate: false });

    child!.kill('SIGTERM');
    expect(await server.exit).toBe(143);
    expect(server.stderr()).toContain('SIGTERM: stopping');
    expect(server.stderr()).not.toContain(token);

    const history = spawnSync(process.execPath, [main, 'history', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(history.status, history.stderr).toBe(0);
    const runs = JSON.parse(history.stdout).runs as { id: string; status: string }[];
    expect(runs.map((r) => r.status)).toEqual(['drift']);
    const points = readFileSync(join(dir, 'points.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { runId: string });
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.runId === runs[0]!.id)).toBe(true);
    const store = new SqliteRunStore(join(dir, 'store.db'));
    try {
      expect(await store.events().count('credit')).toBe(2);
    } finally {
      store.shutdown();
    }
  });

  it('past server.shutdownTimeout: the run is recorded interrupted and the process exits anyway', async () => {
    const late = mkdtempSync(join(tmpdir(), 'dw-serve-late-'));
    writeAgeIncome(late, 200, 15);
    copyFileSync(join(dir, 'slow-sink.mjs'), join(late, 'slow-sink.mjs'));
    writeFileSync(
      join(late, 'driftwatch.yaml'),
      readFileSync(join(dir, 'driftwatch.yaml'), 'utf8')
        .replace('delayMs: 2500', 'delayMs: 120000')
        .replace('shutdownTimeout: 20s', 'shutdownTimeout: 500ms'),
    );
    const server = await startServer(late);
    await waitFor(() => existsSync(join(late, 'publishing')), 60_000);
    const killedAt = Date.now();
    child!.kill('SIGTERM');
    expect(await server.exit).toBe(143);
    // The deadline, the abort grace, the providers' shutdown and the 15 s backstop: well before the sink's 120 s.
    expect(Date.now() - killedAt).toBeLessThan(40_000);
    expect(server.stderr()).toContain('recorded as interrupted');
    const history = spawnSync(process.execPath, [main, 'history', '--format', 'json'], { cwd: late, encoding: 'utf8' });
    expect((JSON.parse(history.stdout).runs as { status: string }[]).map((r) => r.status)).toEqual(['interrupted']);
  });
});
