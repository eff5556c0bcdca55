#!/usr/bin/env node
// W4 (issue 13): `driftwatch serve` under load on loopback, self-timed.
//
//   node bench/w4/run.mjs [--seconds N] [--days N] [--json PATH] [--profile DIR]
//                         [--store sqlite|postgres] [--replicas N] [--database-url URL]
//
// --store postgres serves from the machine's PostgreSQL (--database-url, default
// postgres://postgres@127.0.0.1:5432/test) in a schema of its own,
// dropped at the end. --replicas N (postgres only) starts N serve processes on that schema: the
// ingestion peak is measured against one of them, then with the connections shared by all N, and
// the events/s of both are reported with their ratio (same machine: not a speed-up claim).
//
// --profile DIR runs the server with --cpu-prof into DIR (a .cpuprofile for Chrome's DevTools).
//
// 1. Ingestion: batches of 500 events (JSON) posted by autocannon to
//    POST /api/v1/monitors/m00/events; the peak (events/s, p99) with 16 connections, then
//    50% of that peak as a fixed request rate (p99 at half load). Server RSS (VmRSS/VmHWM of the
//    serve process). The peer (bench/w4/peer.mjs: bare Fastify, parse and answer 202) is
//    measured the same way; its throughput is the ceiling HTTP + JSON parsing allow here.
// 2. A query: GET /api/v1/series of one series of 10 000 points, maxPoints=10000 (p99).
// 3. The overview's data: GET /api/v1/monitors with 20 monitors × a year of hourly runs in the
//    store (175 200 runs, p99).
// The store is a fresh SQLite file (or PostgreSQL schema); runs and points are seeded through the
// store's own API (on PostgreSQL, the runs in one INSERT per monitor with the columns saveRun fills).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { shebangCommand } from '../lib/shebang.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CLI = join(ROOT, 'apps/cli/dist/main.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const SECONDS = Number(opt('--seconds', 8));
const DAYS = Number(opt('--days', 365));
const JSON_OUT = resolve(opt('--json', join(ROOT, 'bench/.data/w4.json')));
const PROFILE = opt('--profile', undefined);
const STORE = opt('--store', 'sqlite');
const REPLICAS = Number(opt('--replicas', 1));
const DATABASE_URL = opt('--database-url', 'postgres://postgres@127.0.0.1:5432/test');
if (STORE !== 'sqlite' && STORE !== 'postgres') throw new Error(`--store: sqlite or postgres, not "${STORE}"`);
if (!(Number.isInteger(REPLICAS) && REPLICAS >= 1)) throw new Error('--replicas: a whole number ≥ 1');
if (REPLICAS > 1 && STORE !== 'postgres') throw new Error('--replicas N needs --store postgres (the replicas share its schema)');
const SCHEMA = `dw_w4_${randomBytes(6).toString('hex')}`;
const MONITORS = 20;
const BATCH = 500;
const SERIES_POINTS = 10_000;
const TARGETS = { eventsPerSecond: 100_000, p99HalfLoadMs: 50, overviewP99Ms: 50 };
const log = (m) => process.stderr.write(`w4: ${m}\n`);

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

async function waitReady(url, child, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not become ready`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) the processes have used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pids) {
  let total = 0;
  for (const pid of [pids].flat()) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    total += (Number(fields[11]) + Number(fields[12])) / 100;
  }
  return total;
}

const run = (opts) =>
  new Promise((ok, fail) => {
    const instance = autocannon(opts, (error, result) => (error ? fail(error) : ok(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });

/** Peak then half load against `url` (one, or several sharing the connections) with `body`; events/s from 2xx answers only; CPU of the `pid` processes. */
async function ingest(label, url, headers, body, pid) {
  const base = { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duration: SECONDS };
  await run({ ...base, connections: 4, duration: 2 }); // warm-up (JIT, SQLite pages)
  const cpu0 = cpuSeconds(pid);
  const peak = await run({ ...base, connections: 16, pipelining: 1 });
  const cpu = cpuSeconds(pid) - cpu0;
  const ok2xx = peak['2xx'];
  const peakRps = ok2xx / SECONDS;
  if (peak.non2xx > 0)
    log(`${label}: ${peak.non2xx} of ${peak.requests.total} answers were not 2xx at peak (429 back-pressure counts here)`);
  const half = await run({ ...base, connections: 8, overallRate: Math.max(1, Math.floor(peakRps / 2)) });
  return {
    peak: {
      eventsPerSecond: (ok2xx * BATCH) / SECONDS,
      eventsPerCpuSecond: (ok2xx * BATCH) / cpu,
      cpuSeconds: cpu,
      requestsPerSecond: peakRps,
      p50Ms: peak.latency.p50,
      p99Ms: peak.latency.p99,
      non2xx: peak.non2xx,
    },
    half: { eventsPerSecond: (half['2xx'] * BATCH) / SECONDS, p50Ms: half.latency.p50, p99Ms: half.latency.p99, non2xx: half.non2xx },
  };
}

/** Latency of GET `url` with 4 connections, and the server's CPU time per answer (the figure the machine's load does not skew). */
async function latency(url, headers, pid) {
  await run({ url, headers, connections: 2, duration: 1 });
  const cpu0 = cpuSeconds(pid);
  const r = await run({ url, headers, connections: 4, duration: Math.max(3, Math.floor(SECONDS / 2)) });
  const cpuMsPerRequest = ((cpuSeconds(pid) - cpu0) * 1000) / r.requests.total;
  return { requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, cpuMsPerRequest, non2xx: r.non2xx };
}

// --- the served folder: 20 monitors over one small reference, a SQLite store
const dir = mkdtempSync(join(os.tmpdir(), 'dw-w4-'));
mkdirSync(join(dir, 'data'));
const plans = ['basic', 'standard', 'premium'];
let seed = 7;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const csv = ['age,income,tenure,plan,score'];
for (let i = 0; i < 2000; i++)
  csv.push(
    `${18 + Math.floor(rand() * 60)},${(20000 + rand() * 90000).toFixed(2)},${Math.floor(rand() * 120)},${plans[i % 3]},${rand().toFixed(4)}`,
  );
writeFileSync(join(dir, 'data/reference.csv'), `${csv.join('\n')}\n`);
const names = Array.from({ length: MONITORS }, (_, i) => `m${String(i).padStart(2, '0')}`);
writeFileSync(
  join(dir, 'driftwatch.yaml'),
  [
    'version: 1',
    STORE === 'sqlite'
      ? 'store: { type: sqlite, path: w4.db }'
      : `store: { type: postgres, url: "\${DATABASE_URL}", schema: ${SCHEMA}, poolSize: 10 }`,
    'server:',
    // The issue's load is one client far above the default per-token rate limit (6000 batches a minute).
    '  rateLimit: { ingestPerMinute: 100000000 }',
    'monitors:',
    ...names.map(
      (n) =>
        `  - { name: ${n}, reference: { path: data/reference.csv }, current: { path: data/reference.csv }, schema: { prediction: score } }`,
    ),
    '',
  ].join('\n'),
);
const env = { ...process.env, NO_COLOR: '1', DRIFTWATCH_LOG_LEVEL: 'warn', DATABASE_URL };
const cli = (argv) => {
  const r = spawnSync(process.execPath, [CLI, ...argv, '--config', 'driftwatch.yaml'], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`driftwatch ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim();
};

// --- seed: a year of hourly runs per monitor, one 10 000-point series
log(`seeding ${MONITORS} monitors × ${DAYS * 24} hourly runs and a ${SERIES_POINTS}-point series …`);
const t0 = performance.now();
const store =
  STORE === 'sqlite'
    ? new (await import(join(ROOT, 'packages/store-sqlite/dist/index.js'))).SqliteRunStore(join(dir, 'w4.db'))
    : new (await import(join(ROOT, 'packages/store-postgres/dist/index.js'))).PostgresRunStore({ url: DATABASE_URL, schema: SCHEMA });
await store.start();
const end = Date.UTC(2026, 11, 1);
const columns = ['age', 'income', 'tenure', 'plan'];
for (const monitor of names) {
  const runs = [];
  for (let h = DAYS * 24; h > 0; h--) {
    const startedAt = new Date(end - h * 3_600_000).toISOString();
    const finishedAt = new Date(end - h * 3_600_000 + 2_000).toISOString();
    const drifted = rand() < 0.2 ? 2 : 0;
    const id = `${startedAt.replace(/[-:.]/g, '')}-${monitor}`;
    const status = drifted ? 'drift' : 'ok';
    runs.push({
      id,
      monitor,
      startedAt,
      finishedAt,
      status,
      result: {
        schemaVersion: 1,
        runId: id,
        monitor,
        startedAt,
        finishedAt,
        status,
        drift: {
          schemaVersion: 1,
          generatedAt: finishedAt,
          reference: { source: 'data/reference.csv', rows: 2000 },
          current: { source: 'data/reference.csv', rows: 2000 },
          dataset: {
            drifted: drifted >= 2,
            driftedColumns: drifted,
            testedColumns: 4,
            share: drifted / 4,
            datasetShare: 0.5,
            correction: 'none',
          },
          columns: columns.map((column, j) => ({
            column,
            kind: j === 3 ? 'categorical' : 'numeric',
            method: 'wasserstein',
            measure: 'distance',
            rule: 'd>=t',
            statistic: j < drifted ? 0.2 : 0.02,
            pValue: null,
            threshold: 0.1,
            drifted: j < drifted,
            reference: { rows: 2000, missing: 0, invalid: 0, infinite: 0 },
            current: { rows: 2000, missing: 0, invalid: 0, infinite: 0 },
          })),
        },
        alerts: [],
        failedSinks: [],
        publishedPoints: 5,
      },
    });
  }
  if (STORE === 'sqlite') {
    const db = store.database();
    db.exec('BEGIN');
    for (const r of runs) await store.saveRun(r);
    db.exec('COMMIT');
  } else {
    // The columns saveRun writes (record and summary), one statement per monitor instead of 8 760 round trips.
    const d = (r) => r.result.drift.dataset;
    await store.sql.query(
      'INSERT INTO runs (id, monitor, started_at, status, record, finished_at, drift_share, drifted_columns, tested_columns) ' +
        'SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[])',
      [
        runs.map((r) => r.id),
        runs.map((r) => r.monitor),
        runs.map((r) => r.startedAt),
        runs.map((r) => r.status),
        runs.map((r) => JSON.stringify(r)),
        runs.map((r) => r.finishedAt),
        runs.map((r) => d(r).share),
        runs.map((r) => d(r).driftedColumns),
        runs.map((r) => d(r).testedColumns),
      ],
    );
  }
}
const points = Array.from({ length: SERIES_POINTS }, (_, i) => ({
  name: 'drift.score',
  value: 0.05 + 0.02 * Math.sin(i / 50),
  unit: 'None',
  timestamp: new Date(end - (SERIES_POINTS - i) * 3_600_000).toISOString(),
  dimensions: { monitor: 'm00', feature: 'age', method: 'wasserstein', measure: 'distance' },
}));
await store.series().append(points);
// Fresh tables: the planner's statistics, as autovacuum would gather them a little later.
if (STORE === 'postgres') for (const table of ['runs', 'series', 'points']) await store.sql.query(`ANALYZE ${table}`);
await store.shutdown();
const seedSeconds = (performance.now() - t0) / 1000;
log(`seeded in ${seedSeconds.toFixed(1)} s`);
const token = cli(['tokens', 'create', '--name', 'w4', '--scopes', 'admin']);

// --- the batch: 500 events of the monitors' columns
const events = Array.from({ length: BATCH }, (_, i) => ({
  timestamp: new Date(end + i * 1000).toISOString(),
  features: { age: 20 + (i % 50), income: 30000 + i * 37.5, tenure: i % 100, plan: plans[i % 3] },
  prediction: (i % 97) / 97,
}));
const body = JSON.stringify(events);

const results = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg() },
  store: STORE,
  replicas: REPLICAS,
  seconds: SECONDS,
  batch: BATCH,
  seedSeconds,
};
try {
  // Driftwatch
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE)}`] : [];
  const servers = [];
  for (let r = 0; r < REPLICAS; r++) {
    const port = await freePort();
    // As an installed `driftwatch serve` runs: the variables and node flags of the CLI's `#!` line.
    const line = shebangCommand(CLI);
    const child = spawn(
      process.execPath,
      [...line.flags, ...profile, CLI, 'serve', '--config', 'driftwatch.yaml', '--port', String(port)],
      {
        cwd: dir,
        env: { ...env, ...line.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    servers.push({ child, base: `http://127.0.0.1:${port}`, stderr: () => stderr });
  }
  for (const s of servers) await waitReady(`${s.base}/readyz`, s.child, `driftwatch serve (${s.stderr()})`);
  const server = servers[0].child;
  const base = servers[0].base;
  const auth = { authorization: `Bearer ${token}` };
  results.idleRss = rss(server.pid);
  log('driftwatch: ingestion …');
  results.driftwatch = await ingest('driftwatch', `${base}/api/v1/monitors/m00/events`, auth, body, server.pid);
  results.rssAfterIngest = rss(server.pid);
  if (REPLICAS > 1) {
    log(`driftwatch: ingestion through ${REPLICAS} replicas …`);
    results.driftwatchReplicas = await ingest(
      'driftwatch replicas',
      servers.map((s) => `${s.base}/api/v1/monitors/m00/events`),
      auth,
      body,
      servers.map((s) => s.child.pid),
    );
  }
  const seriesUrl = `${base}/api/v1/series?name=drift.score&monitor=m00&dim.feature=age&maxPoints=10000`;
  const check = await (await fetch(seriesUrl, { headers: auth })).json();
  results.seriesPoints = check.series?.[0]?.points.length;
  log(`driftwatch: series query (${results.seriesPoints} points) …`);
  results.series = await latency(seriesUrl, auth, server.pid);
  const overview = await (await fetch(`${base}/api/v1/monitors`, { headers: auth })).json();
  results.overviewMonitors = overview.monitors?.length;
  results.overviewSparkline = overview.monitors?.[0]?.sparkline.length;
  log(`driftwatch: overview (${results.overviewMonitors} monitors, sparkline ${results.overviewSparkline}) …`);
  results.overview = await latency(`${base}/api/v1/monitors`, auth, server.pid);
  results.finalRss = rss(server.pid);
  results.eventsStored = await countEvents();
  for (const s of servers) {
    s.child.kill('SIGTERM');
    await new Promise((ok) => s.child.once('exit', ok));
  }

  // Peer
  const peerPort = await freePort();
  const peer = spawn(process.execPath, [join(HERE, 'peer.mjs'), String(peerPort)], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitReady(`http://127.0.0.1:${peerPort}/healthz`, peer, 'the peer');
  log('peer: ingestion …');
  results.peer = await ingest('peer', `http://127.0.0.1:${peerPort}/api/v1/monitors/m00/events`, {}, body, peer.pid);
  results.peerRss = rss(peer.pid);
  peer.kill('SIGTERM');
  await new Promise((ok) => peer.once('exit', ok));
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (STORE === 'postgres') {
    const pg = await import(join(ROOT, 'packages/store-postgres/dist/testing/index.js'));
    await pg.dropSchema(SCHEMA, DATABASE_URL);
  }
}

/** Events of m00 the store holds (every 2xx batch's 500; on PostgreSQL, through all replicas). */
async function countEvents() {
  if (STORE === 'sqlite') return undefined;
  const { PostgresRunStore } = await import(join(ROOT, 'packages/store-postgres/dist/index.js'));
  const s = new PostgresRunStore({ url: DATABASE_URL, schema: SCHEMA, poolSize: 1 });
  try {
    return await s.events().count('m00');
  } finally {
    await s.shutdown();
  }
}

// --- report
const f0 = (x) => Math.round(x).toLocaleString('en-US');
const f1 = (x) => x.toFixed(1);
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const d = results.driftwatch;
const lines = [
  `W4: driftwatch serve on ${STORE === 'sqlite' ? 'SQLite' : `PostgreSQL (schema ${SCHEMA}, dropped)`}, loopback (${results.machine.cpus} cores, load average ${results.machine.loadavg.map((x) => x.toFixed(1)).join(' ')} at start: shared with other work), ${SECONDS} s per measure, batches of ${BATCH} events`,
  '',
  `ingestion, peak (16 connections)   ${f0(d.peak.eventsPerSecond)} events/s  p99 ${f1(d.peak.p99Ms)} ms  target ≥ ${f0(TARGETS.eventsPerSecond)} events/s  ${verdict(d.peak.eventsPerSecond >= TARGETS.eventsPerSecond)}  (peer ${f0(results.peer.peak.eventsPerSecond)}: ${(d.peak.eventsPerSecond / results.peer.peak.eventsPerSecond).toFixed(2)}x)`,
  ...(results.driftwatchReplicas
    ? [
        `ingestion, ${REPLICAS} replicas, peak        ${f0(results.driftwatchReplicas.peak.eventsPerSecond)} events/s  p99 ${f1(results.driftwatchReplicas.peak.p99Ms)} ms  ratio to 1 replica ${(results.driftwatchReplicas.peak.eventsPerSecond / d.peak.eventsPerSecond).toFixed(2)} (same machine: not a speed-up claim); ${f0(results.driftwatchReplicas.peak.eventsPerCpuSecond)} events per CPU-second of the servers`,
      ]
    : []),
  `ingestion per CPU-second           ${f0(d.peak.eventsPerCpuSecond)} events per CPU-second of the server at peak (peer ${f0(results.peer.peak.eventsPerCpuSecond)}: ${(d.peak.eventsPerCpuSecond / results.peer.peak.eventsPerCpuSecond).toFixed(2)}x): the load-independent figure on a shared machine`,
  `ingestion, 50% of peak             ${f0(d.half.eventsPerSecond)} events/s  p99 ${f1(d.half.p99Ms)} ms  target p99 ≤ ${TARGETS.p99HalfLoadMs} ms  ${verdict(d.half.p99Ms <= TARGETS.p99HalfLoadMs)}  (peer p99 ${f1(results.peer.half.p99Ms)} ms)`,
  `server RSS                         idle ${f1(results.idleRss.rssMB)} MB, after ingestion ${f1(results.rssAfterIngest.rssMB)} MB, peak ${f1(results.finalRss.peakMB)} MB  (peer peak ${f1(results.peerRss.peakMB)} MB)`,
  `series query (${results.seriesPoints} points)        p50 ${f1(results.series.p50Ms)} ms  p99 ${f1(results.series.p99Ms)} ms  (${f1(results.series.requestsPerSecond)} req/s, ${f1(results.series.cpuMsPerRequest)} ms of server CPU each)`,
  `overview (${results.overviewMonitors} monitors × ${DAYS * 24} runs)   p50 ${f1(results.overview.p50Ms)} ms  p99 ${f1(results.overview.p99Ms)} ms  target ≤ ${TARGETS.overviewP99Ms} ms  ${verdict(results.overview.p99Ms <= TARGETS.overviewP99Ms)}  (${f1(results.overview.cpuMsPerRequest)} ms of server CPU each)`,
];
console.log(lines.join('\n'));
mkdirSync(dirname(JSON_OUT), { recursive: true });
writeFileSync(JSON_OUT, `${JSON.stringify(results, null, 2)}\n`);
log(`result: ${JSON_OUT}`);
