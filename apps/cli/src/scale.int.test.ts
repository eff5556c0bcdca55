import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunRecord, terminalRetrainingStates } from '@driftwatch/core';
import { PostgresRunStore } from '@driftwatch/store-postgres';
import { dropSchema, postgresForTests, testDatabaseUrl, testSchema } from '@driftwatch/store-postgres/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreUrl, main, requireBuiltCli, writeAgeIncome, zodUrl } from './__tests__/builtCli.js';

// Issue 16: 2 `driftwatch serve` replicas and 2 `driftwatch worker` processes (the built CLI, each its
// own process) sharing the machine's PostgreSQL: the job queue and the store, each in a schema of this
// test's own, dropped after. 20 monitors every 5 s plus a slow one every 10 s run for
// ~16 s; one worker is SIGKILLed in the middle of a slow run. Then: every slot of the window ran exactly
// once, no run is recorded twice, the killed run was retried (same run id) and recorded once, events
// posted to both replicas with idempotency keys (duplicates sent to both) are stored once each, and the
// retraining attempts one drifting monitor's runs enqueue (jobs on both workers) held the model's lock
// one at a time: the trainer's start/end lines never overlap.

const url = testDatabaseUrl;
/** The queue's schema (pg-boss's tables) and the store's. */
const schema = testSchema('dw_scale_queue');
const storeSchema = testSchema('dw_scale_store');
// Locally without PostgreSQL the file is skipped with a warning; with CI set that fails it.
const available = await postgresForTests(url);
const token = 'dw_scale_admin_3c1e5b2d4f6a8c0e2b4d6f8a0c2e7f3a';
const FAST = 20;
const FAST_EVERY_MS = 5_000;
const SLOW_EVERY_MS = 10_000;
const WINDOW_MS = 16_000;

let dir: string;
const children: ChildProcess[] = [];

interface Proc {
  readonly child: ChildProcess;
  readonly exit: Promise<number | null>;
  readonly stderr: () => string;
}

function start(args: string[], ready: RegExp): Promise<Proc & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [main, ...args, '--config', 'driftwatch.yaml'], {
    cwd: dir,
    env: { ...process.env, DRIFTWATCH_LOG_LEVEL: 'info', DATABASE_URL: url },
  });
  children.push(child);
  let stderr = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]}: not ready in 120 s: ${stderr}`)), 120_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += String(chunk);
      const match = ready.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ child, exit, stderr: () => stderr, match });
      }
    });
    void exit.then((code) => reject(new Error(`${args[0]} exited ${code} before it was ready: ${stderr}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const openStore = () => new PostgresRunStore({ url, schema: storeSchema, poolSize: 2 });

/** A run id's prefix for a slot: the job derives `<slot, compact ISO>-<monitor>-<hash of the job key>`. */
const slotPrefix = (monitor: string, slot: number) => `${new Date(slot).toISOString().replace(/[-:.]/g, '')}-${monitor}-`;

beforeAll(async () => {
  if (!available) return;
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-scale-'));
  writeAgeIncome(dir, 200, 15);
  // The retraining monitor's sides carry a label; its current side drifts, so each run's policy asks for an attempt.
  const labelled = (shift: number) =>
    `age,income,y\n${Array.from({ length: 200 }, (_, i) => `${20 + shift + (i % 40)},${30_000 + ((i * 137) % 20_000)},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`;
  writeFileSync(join(dir, 'labelled-reference.csv'), labelled(0));
  writeFileSync(join(dir, 'labelled-current.csv'), labelled(15));
  // A trainer that records when it trains (start/end, its pid) and then fails: the attempt ends, its lock is released.
  writeFileSync(
    join(dir, 'train.mjs'),
    `import { appendFileSync } from 'node:fs';
appendFileSync('trainer.log', 'start ' + Date.now() + ' ' + process.pid + '\\n');
await new Promise((r) => setTimeout(r, 1500));
appendFileSync('trainer.log', 'end ' + Date.now() + ' ' + process.pid + '\\n');
process.exit(1);
`,
  );
  // A sink that marks the run it publishes (the marker names the run and the process) and then takes 3 s:
  // the slow monitor's runs are in flight long enough for the test to kill their worker.
  writeFileSync(
    join(dir, 'slow-sink.mjs'),
    `import { writeFileSync } from 'node:fs';
import { definePlugin, defineProvider } from '${coreUrl}';
import { z } from '${zodUrl}';
export default definePlugin({
  name: 'slow-sink',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'slow',
      description: 'marks the run it publishes, then waits',
      options: z.object({ delayMs: z.number() }).strict(),
      create: (options, context) => ({
        type: 'slow',
        async publish(points) {
          writeFileSync(context.baseDir + '/publishing-' + process.pid + '-' + Date.now(), JSON.stringify({ pid: process.pid, runId: points[0]?.runId }));
          await new Promise((r) => setTimeout(r, options.delayMs));
        },
        async flush() {},
      }),
    }),
  ],
});
`,
  );
  const fast = Array.from(
    { length: FAST },
    (_, i) => `  - name: m${String(i).padStart(2, '0')}
    schedule: { every: 5s, jitter: 1s, missed: skip }
    reference: { path: reference.csv }
    current: { path: current.csv }`,
  ).join('\n');
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
plugins: [./slow-sink.mjs]
store: { type: postgres, url: "\${DATABASE_URL}", schema: ${storeSchema} }
queue:
  type: postgres
  url: \${DATABASE_URL}
  schema: ${schema}
  expireAfter: 8s
  retries: 10
  retryDelay: 1s
  pollInterval: 500ms
  maintenanceInterval: 1s
server: { shutdownTimeout: 10s }
monitors:
${fast}
  - name: slow
    schedule: { every: 10s, missed: skip }
    reference: { path: reference.csv }
    current: { path: current.csv }
    sinks: [{ type: slow, delayMs: 3000 }]
${['retrain', 'retrain2']
  .map(
    (name) => `  - name: ${name}
    schedule: { every: 5s, missed: skip }
    reference: { path: labelled-reference.csv }
    current: { path: labelled-current.csv }
    schema: { target: y }
    drift: { datasetShare: 0.3 } # age drifts: 1 of 3 columns
    retraining:
      model: retrain # both monitors' runs ask for attempts of one model, in the same slot
      when: { drift: true }
      trainer: { type: command, command: [${JSON.stringify(process.execPath)}, train.mjs], timeout: 5s }
      evaluator: { type: command, command: [${JSON.stringify(process.execPath)}, -e, "process.exit(1)"] }
      gate: { metric: accuracy }
      timeouts: { training: 5s, poll: 200ms, pollMax: 500ms }`,
  )
  .join('\n')}
`,
  );
  const store = openStore();
  await store.tokens().create({
    id: 't1',
    name: 'scale',
    scopes: ['admin'],
    hash: createHash('sha256').update(token).digest('hex'),
    createdAt: new Date().toISOString(),
  });
  await store.shutdown();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (!available) return;
  await dropSchema(schema, url);
  await dropSchema(storeSchema, url);
});

describe.runIf(available)('serve replicas and workers on the PostgreSQL queue and store', () => {
  it('runs each slot once across 2 replicas, retries a killed worker’s run once, and stores idempotent events once', async () => {
    const serving = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/;
    // The workers first: the first creates the queue's schema, the others find it (or race it: pg-boss locks).
    const workers = await Promise.all([
      start(['worker', '--concurrency', '2', '--health-interval', '5'], /"worker ready"/),
      start(['worker', '--concurrency', '2', '--health-interval', '5'], /"worker ready"/),
    ]);
    const replicas = await Promise.all([start(['serve', '--port', '0'], serving), start(['serve', '--port', '0'], serving)]);
    const [a, b] = replicas.map((r) => r.match[1] as string) as [string, string];
    const windowStart = Date.now() + 500;

    // Ingestion through both replicas: every batch once with its key, and deliberate duplicates to the other replica.
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' };
    const post = async (base: string, key: string, ids: string[]) => {
      const res = await fetch(`${base}/api/v1/monitors/m00/events`, {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': key },
        body: ids.map((id) => JSON.stringify({ id, features: { age: 40, income: 31_000 } })).join('\n'),
      });
      expect(res.status).toBe(202);
      return (await res.json()) as { stored: number; duplicate: boolean };
    };
    const batches = Array.from({ length: 6 }, (_, i) => ({ key: `batch-${i}`, ids: [`e${i}a`, `e${i}b`, `e${i}c`] }));
    for (const [i, batch] of batches.entries()) {
      const first = i % 2 === 0 ? a : b;
      const other = first === a ? b : a;
      expect(await post(first, batch.key, batch.ids)).toEqual({ stored: 3, duplicate: false });
      expect(await post(other, batch.key, batch.ids)).toEqual({ stored: 0, duplicate: true });
    }
    // The same duplicate to both at once.
    const both = await Promise.all([post(a, 'batch-race', ['r1', 'r2']), post(b, 'batch-race', ['r1', 'r2'])]);
    expect(both.map((r) => r.duplicate).sort()).toEqual([false, true]);

    // Kill the worker of the first slow run while its sink publishes (the run is `started` in the store).
    const marker = await waitFor(
      'a slow run in flight',
      () => readdirSync(dir).find((f) => f.startsWith('publishing-')),
      WINDOW_MS + 60_000,
    );
    const killed = JSON.parse(readFileSync(join(dir, marker), 'utf8')) as { pid: number; runId: string };
    const victim = workers.find((w) => w.child.pid === killed.pid);
    expect(victim, `the slow run's process ${killed.pid} is one of the workers`).toBeDefined();
    victim!.child.kill('SIGKILL');
    const survivor = workers.find((w) => w !== victim)!;

    const elapsed = Date.now() - windowStart;
    if (elapsed < WINDOW_MS) await sleep(WINDOW_MS - elapsed);
    const windowEnd = Date.now();
    const phase = (name: string) => console.log(`scale test: ${name} at +${((Date.now() - windowStart) / 1000).toFixed(1)} s`);
    // The replicas stop scheduling; the jobs they enqueued stay in the queue for the surviving worker.
    for (const r of replicas) r.child.kill('SIGTERM');
    expect(await Promise.all(replicas.map((r) => r.exit))).toEqual([143, 143]);
    // Both replicas scheduled: each enqueued slots, and found slots the other had enqueued already.
    const lines = (r: Proc, message: string) =>
      r
        .stderr()
        .split('\n')
        .filter((l) => l.includes(`"msg":"${message}"`)).length;
    for (const r of replicas)
      expect(lines(r, 'run enqueued') + lines(r, 'run already enqueued (by another replica)')).toBeGreaterThan(FAST);
    expect(replicas.map((r) => lines(r, 'run enqueued')).every((n) => n > 0)).toBe(true);
    expect(replicas.reduce((n, r) => n + lines(r, 'run already enqueued (by another replica)'), 0)).toBeGreaterThan(0);

    // Slots fully inside the window (a slot fires up to its 1 s jitter late; the replicas stopped at windowEnd).
    const expected: { monitor: string; slot: number }[] = [];
    const slotsOf = (monitor: string, every: number) => {
      for (let slot = Math.ceil(windowStart / every) * every; slot <= windowEnd - 2_000; slot += every) expected.push({ monitor, slot });
    };
    for (let i = 0; i < FAST; i++) slotsOf(`m${String(i).padStart(2, '0')}`, FAST_EVERY_MS);
    slotsOf('retrain', FAST_EVERY_MS);
    slotsOf('retrain2', FAST_EVERY_MS);
    slotsOf('slow', SLOW_EVERY_MS);
    expect(expected.length).toBeGreaterThanOrEqual(FAST * 2 + 1);

    const store = openStore();
    try {
      const finished = (runs: RunRecord[]) => runs.every((r) => r.status === 'ok' || r.status === 'drift');
      // The surviving worker drains the queue: the killed run's retry comes after its expiry (8 s).
      const runs = await waitFor(
        'every expected slot recorded and no run unfinished',
        async () => {
          const all = await store.listRuns({ limit: 10_000 });
          const ids = all.map((r) => r.id);
          const complete = expected.every((e) => ids.some((id) => id.startsWith(slotPrefix(e.monitor, e.slot))));
          return complete && finished(all) && all.some((r) => r.id === killed.runId) ? all : undefined;
        },
        120_000,
      ).catch(async (error: Error) => {
        const all = await store.listRuns({ limit: 10_000 });
        throw new Error(
          `${error.message}; runs: ${all.map((r) => `${r.id} ${r.status}`).join(', ')}\nworker: ${survivor.stderr().slice(-4000)}`,
        );
      });

      phase('every slot recorded');
      // Exactly once per slot: one record per expected (monitor, slot), and no slot recorded twice anywhere.
      for (const e of expected)
        expect(runs.filter((r) => r.id.startsWith(slotPrefix(e.monitor, e.slot))).map((r) => r.monitor)).toEqual([e.monitor]);
      const slotKeys = runs.map((r) => r.id.replace(/-[0-9a-f]{6}$/, ''));
      expect(new Set(slotKeys).size).toBe(slotKeys.length);
      expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
      expect(runs.every((r) => r.status === 'ok' || r.status === 'drift')).toBe(true);

      // The killed run: retried by the survivor with the same run id, recorded once, finished.
      const retried = runs.filter((r) => r.id === killed.runId);
      expect(retried).toHaveLength(1);
      expect(retried[0]!.status).toBe('drift');
      const retryLine = survivor
        .stderr()
        .split('\n')
        .find((line) => line.includes('"monitor run starting"') && line.includes(killed.runId));
      expect(retryLine, 'the survivor ran the killed run').toBeDefined();
      expect(JSON.parse(retryLine!).retry).toBeGreaterThanOrEqual(1);

      // Events: 6 batches of 3 and one of 2, each stored once however many replicas got it.
      const events = await store.events().count('m00');
      expect(events).toBe(6 * 3 + 2);

      // Retraining: the queue drains (jobs that found the model's lock held were retried), every attempt ends,
      // and the trainer's runs never overlapped.
      await waitFor(
        'the queue drained',
        async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const { rows } = await client.query(
              `SELECT count(*)::int AS n FROM ${schema}.job WHERE state IN ('created', 'retry', 'active')`,
            );
            return rows[0].n === 0 || undefined;
          } finally {
            await client.end();
          }
        },
        120_000,
      ).catch(async (error: Error) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const { rows } = await client
          .query(`SELECT data->>'key' AS key, state, retry_count, output FROM ${schema}.job WHERE state IN ('created', 'retry', 'active')`)
          .finally(() => client.end());
        const log = existsSync(join(dir, 'trainer.log')) ? readFileSync(join(dir, 'trainer.log'), 'utf8') : '(no trainer.log)';
        const attempts = await store.listAttempts({ model: 'retrain' });
        throw new Error(
          `${error.message}: ${JSON.stringify(rows)}\nattempts: ${attempts.map((a) => `${a.id} ${a.state}`).join(', ')}\ntrainer.log: ${log}\nworker: ${survivor
            .stderr()
            .split('\n')
            .filter((l) => /retrain/.test(l))
            .slice(-12)
            .join('\n')}`,
        );
      });
      phase('queue drained');
      const attempts = await waitFor(
        'every attempt final',
        async () => {
          const all = await store.listAttempts({ model: 'retrain' });
          return all.length > 0 && all.every((a) => terminalRetrainingStates.has(a.state)) ? all : undefined;
        },
        60_000,
      ).catch(async (error: Error) => {
        const all = await store.listAttempts({ model: 'retrain' });
        const log = existsSync(join(dir, 'trainer.log')) ? readFileSync(join(dir, 'trainer.log'), 'utf8') : '(no trainer.log)';
        const lines = survivor
          .stderr()
          .split('\n')
          .filter((l) => /retrain/i.test(l))
          .slice(-30);
        throw new Error(
          `${error.message}; attempts: ${all.map((a) => `${a.id} ${a.state}`).join(', ')}\ntrainer.log: ${log}\nworker: ${lines.join('\n')}`,
        );
      });
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      const trainerLines = readFileSync(join(dir, 'trainer.log'), 'utf8').trim().split('\n');
      const starts = trainerLines.filter((l) => l.startsWith('start ')).map((l) => Number(l.split(' ')[1]));
      const ends = trainerLines.filter((l) => l.startsWith('end ')).map((l) => Number(l.split(' ')[1]));
      expect(starts.length).toBeGreaterThanOrEqual(2);
      expect(ends).toHaveLength(starts.length);
      // One at a time: in time order the lines alternate start, end, start, end…
      const ordered = trainerLines.map((l) => l.split(' ')).sort((x, y) => Number(x[1]) - Number(y[1]));
      expect(ordered.map((l) => l[0])).toEqual(ordered.map((_, i) => (i % 2 === 0 ? 'start' : 'end')));
      // …and each end is the end of the training that started just before (same process).
      for (let i = 0; i < ordered.length; i += 2) expect(ordered[i + 1]![2]).toBe(ordered[i]![2]);
    } finally {
      await store.shutdown();
    }

    survivor.child.kill('SIGTERM');
    expect(await survivor.exit).toBe(143);
    expect(survivor.stderr()).toContain('"worker stopped"');
    expect(existsSync(join(dir, marker))).toBe(true);
  }, 600_000);
});
