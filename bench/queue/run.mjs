#!/usr/bin/env node
// Queue choice (issue 16): pg-boss 10 vs graphile-worker 0.16 on the machine's PostgreSQL.
//
//   node bench/queue/run.mjs [--jobs 2000] [--paced 200] [--rate 20] [--url postgres://…] [--json PATH]
//
// For each queue, in a schema of its own (dropped after):
// 1. Burst: the parent enqueues --jobs no-op jobs one `send`/`addJob` at a time (16 in flight)
//    while 2 worker processes (one connection pool each, 10 jobs at a time; pg-boss-batch100:
//    100 per fetch) complete them.
//    jobs/s = jobs / (first enqueue → last completion); pickup latency = handler start − enqueue
//    (one clock: same machine), p50/p95 — backlog included.
// 2. Paced: --paced jobs at --rate jobs/s into idle workers: the pickup latency a scheduled run sees.
// Each queue uses its documented low-latency settings: pg-boss polls (its minimum, 0.5 s);
// graphile-worker is woken by LISTEN/NOTIFY (poll 2 s as the fallback).
// Absolute figures are noisy on a shared machine: the ratio between the two queues, measured in
// one run, is the figure to read; `uptime` is printed with them.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
// The queues are dependencies of @driftwatch/queue-postgres (graphile-worker as a dev dependency, for this bench).
const require = createRequire(join(ROOT, 'packages/queue-postgres/package.json'));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const URL = opt('--url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const JOBS = Number(opt('--jobs', 2000));
const PACED = Number(opt('--paced', 200));
const RATE = Number(opt('--rate', 20));
const JSON_OUT = opt('--json', undefined);
const WORKERS = 2;
const PER_WORKER = 10;
const QUEUE = 'bench';

/** pg-boss fetches `batchSize` jobs per poll of each `work()` loop: its throughput is batchSize / pollingInterval per loop. */
const pgBoss = (batchSize) => ({
  async open(schema, role) {
    const { default: PgBoss } = await import(require.resolve('pg-boss'));
    const boss = new PgBoss({
      connectionString: URL,
      schema,
      max: PER_WORKER + 2,
      supervise: role === 'parent',
      schedule: false,
      migrate: role === 'parent',
    });
    boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
    await boss.start();
    if (role === 'parent') await boss.createQueue(QUEUE);
    return {
      send: (data) => boss.send(QUEUE, data),
      work: (handler) =>
        boss.work(QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
          for (const job of jobs) handler(job.data);
        }),
      close: () => boss.stop({ graceful: false, close: true, wait: true }),
    };
  },
});

const queues = {
  'pg-boss': pgBoss(PER_WORKER),
  'pg-boss-batch100': pgBoss(100),
  'graphile-worker': {
    async open(schema, role) {
      const { makeWorkerUtils, run } = await import(require.resolve('graphile-worker'));
      const base = {
        connectionString: URL,
        schema,
        noHandleSignals: true,
        logger: quietLogger(await import(require.resolve('graphile-worker'))),
      };
      if (role === 'parent') {
        const utils = await makeWorkerUtils(base);
        await utils.migrate();
        return { send: (data) => utils.addJob(QUEUE, data), work: () => {}, close: () => utils.release() };
      }
      let runner;
      return {
        send: () => {},
        work: async (handler) => {
          runner = await run({
            ...base,
            concurrency: PER_WORKER,
            pollInterval: 2000,
            taskList: { [QUEUE]: async (payload) => handler(payload) },
          });
        },
        close: () => runner?.stop(),
      };
    },
  },
};

function quietLogger(gw) {
  return new gw.Logger(() => (level, message) => {
    if (level === 'error') process.stderr.write(`graphile-worker: ${message}\n`);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function child() {
  const [, , , name, schema] = process.argv;
  const queue = await queues[name].open(schema, 'worker');
  const picked = [];
  let flushing = false;
  const flush = () => {
    if (picked.length > 0) process.send({ picked: picked.splice(0) });
  };
  await queue.work((data) => {
    picked.push({ seq: data.seq, latencyMs: Date.now() - data.at, doneAt: Date.now() });
    if (flushing) return;
    flushing = true;
    setTimeout(() => {
      flushing = false;
      flush();
    }, 50);
  });
  process.send({ ready: true });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    flush();
    await queue.close();
    process.exit(0);
  });
}

async function bench(name) {
  const { default: pg } = await import(require.resolve('pg'));
  const schema = `bench_queue_${name.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const parent = await queues[name].open(schema, 'parent');
  const seen = new Map();
  let onPicked;
  const workers = [];
  try {
    for (let i = 0; i < WORKERS; i++) {
      const worker = fork(fileURLToPath(import.meta.url), ['child', name, schema], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(worker);
      await new Promise((resolveReady, reject) => {
        worker.once('exit', (code) => reject(new Error(`${name} worker exited ${code} before it was ready`)));
        worker.on('message', (message) => {
          if (message.ready) resolveReady();
          for (const p of message.picked ?? []) {
            seen.set(p.seq, p);
            onPicked?.();
          }
        });
      });
    }
    const waitFor = (count, timeoutMs) =>
      new Promise((resolveWait, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: ${seen.size}/${count} jobs done after ${timeoutMs} ms`)), timeoutMs);
        onPicked = () => {
          if (seen.size >= count) {
            clearTimeout(timer);
            resolveWait();
          }
        };
        onPicked();
      });

    // Burst.
    const started = Date.now();
    let next = 0;
    const sender = async () => {
      while (next < JOBS) {
        const seq = next++;
        await parent.send({ seq, at: Date.now() });
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    const enqueuedMs = Date.now() - started;
    await waitFor(JOBS, 300_000);
    const lastDone = Math.max(...[...seen.values()].map((p) => p.doneAt));
    const burstLatency = [...seen.values()].map((p) => p.latencyMs).sort((a, b) => a - b);
    const burst = {
      jobs: JOBS,
      enqueuePerSecond: Math.round(JOBS / (enqueuedMs / 1000)),
      jobsPerSecond: Math.round(JOBS / ((lastDone - started) / 1000)),
      pickupP50Ms: percentile(burstLatency, 50),
      pickupP95Ms: percentile(burstLatency, 95),
    };

    // Paced.
    seen.clear();
    for (let i = 0; i < PACED; i++) {
      await parent.send({ seq: i, at: Date.now() });
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await waitFor(PACED, 60_000);
    const pacedLatency = [...seen.values()].map((p) => p.latencyMs).sort((a, b) => a - b);
    const paced = {
      jobs: PACED,
      ratePerSecond: RATE,
      pickupP50Ms: percentile(pacedLatency, 50),
      pickupP95Ms: percentile(pacedLatency, 95),
    };
    return { queue: name, burst, paced };
  } finally {
    for (const worker of workers) worker.send('stop');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r() : w.once('exit', r)))));
    await parent.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

if (process.argv[2] === 'child') {
  await child();
} else {
  const load = os.loadavg().map((l) => l.toFixed(2));
  process.stderr.write(`queue bench: ${JOBS} burst + ${PACED} paced jobs, ${WORKERS} workers × ${PER_WORKER}; load ${load.join(' ')}\n`);
  const results = [];
  for (const name of Object.keys(queues)) {
    process.stderr.write(`${name}…\n`);
    results.push(await bench(name));
  }
  const loadAfter = os.loadavg().map((l) => l.toFixed(2));
  for (const r of results)
    process.stdout.write(
      `${r.queue.padEnd(16)} burst ${String(r.burst.jobsPerSecond).padStart(6)} jobs/s (enqueue ${r.burst.enqueuePerSecond}/s), pickup p50 ${r.burst.pickupP50Ms} ms p95 ${r.burst.pickupP95Ms} ms | paced ${r.paced.ratePerSecond}/s: pickup p50 ${r.paced.pickupP50Ms} ms p95 ${r.paced.pickupP95Ms} ms\n`,
    );
  const graphile = results.find((r) => r.queue === 'graphile-worker');
  for (const r of results)
    if (r !== graphile)
      process.stdout.write(
        `ratio ${r.queue}/graphile-worker burst jobs/s: ${(r.burst.jobsPerSecond / graphile.burst.jobsPerSecond).toFixed(2)}\n`,
      );
  process.stdout.write(`load average before ${load.join(' ')}, after ${loadAfter.join(' ')}\n`);
  if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify({ load, loadAfter, results }, null, 2)}\n`);
}
