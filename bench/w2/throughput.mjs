#!/usr/bin/env node
// Workload W2: throughput of the streaming drift detectors of @driftwatch/drift
// (updates per second over 1 000 000 values on one core) and a check that
// `update` allocates nothing. See bench/README.md, "Workload W2".
//
// There is no peer process: river cannot be installed on this machine, so
// river 0.19's figures are quoted from the issue (RIVER_QUOTED below) and
// printed as such, never as measurements.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { makeRng } from '../w1/generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

/** Bump when a change alters the generated streams. */
export const STREAM_VERSION = 1;
export const DEFAULT_VALUES = 1_000_000;
const SEED = 20_261_127;

/**
 * river 0.19 throughput in M updates/s as measured by the author, on
 * their machine: QUOTED, NOT MEASURED HERE. Only these five were given.
 */
export const RIVER_QUOTED = { adwin: 0.43, page_hinkley: 2.1, ddm: 2.2, hddm_w: 0.25, kswin: 0.004 };
/** The target: at least this many times river's figure. */
export const TARGET_FACTOR = 20;

/** Which stream each detector reads: numeric (normal with shifts) or binary errors (0/1). */
export const DETECTORS = {
  adwin: 'numeric',
  ddm: 'binary',
  eddm: 'binary',
  hddm_a: 'binary',
  hddm_w: 'binary',
  kswin: 'numeric',
  page_hinkley: 'numeric',
  cusum: 'numeric',
};

/**
 * Deterministic streams (xoshiro128** from W1's generator, 32-bit integer ops):
 * - numeric: normal(0, 1); from 25% mean 1; from 50% mean 0 and sd 2; from 75% mean −1;
 * - binary: Bernoulli errors at rate 0.1, 0.3 from 25%, 0.1 from 50%, 0.5 from 75%.
 */
export function makeStream(kind, n) {
  const rng = makeRng(SEED + (kind === 'binary' ? 1 : 0));
  const out = new Float64Array(n);
  const q1 = Math.floor(n / 4);
  const q2 = Math.floor(n / 2);
  const q3 = Math.floor((3 * n) / 4);
  for (let i = 0; i < n; i++) {
    if (kind === 'binary') {
      const rate = i < q1 ? 0.1 : i < q2 ? 0.3 : i < q3 ? 0.1 : 0.5;
      out[i] = rng.uniform() < rate ? 1 : 0;
    } else {
      const z = rng.normal();
      out[i] = i < q1 ? z : i < q2 ? z + 1 : i < q3 ? 2 * z : z - 1;
    }
  }
  return out;
}

function parseArgs(argv) {
  const o = { values: DEFAULT_VALUES, runs: 5, only: null, drift: null, json: null, child: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = next();
      const x = Number(v);
      if (!Number.isInteger(x) || x < 1) usage(`${a} needs a positive integer, got ${v}`);
      return x;
    };
    if (a === '--values') o.values = int();
    else if (a === '--runs') o.runs = int();
    else if (a === '--only') {
      o.only = next()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const d of o.only) if (!(d in DETECTORS)) usage(`unknown detector ${d} (known: ${Object.keys(DETECTORS).join(', ')})`);
    } else if (a === '--drift') o.drift = resolve(next());
    else if (a === '--json') o.json = resolve(next());
    else if (a === '--child') o.child = next();
    else if (a === '-h' || a === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    } else usage(`unknown option ${a}`);
  }
  return o;
}

const HELP = `usage: node bench/w2/throughput.mjs [options]

Updates per second of each streaming detector of @driftwatch/drift over a
deterministic stream (1 000 000 values by default), one child process per
detector (one core), median of N timed runs after one warm-up run; and the GCs
and heap growth during a timed run (0 and ~0 mean update() allocates nothing).

  --values N     values per stream (default 1000000)
  --runs N       timed runs per detector, median reported (default 5)
  --only LIST    comma-separated detectors (default: all)
  --drift PATH   the built @driftwatch/drift entry (default packages/drift/dist/index.js; pnpm build first)
  --json PATH    also write the results as JSON (default bench/.data/w2-latest.json)
`;

function usage(msg) {
  process.stderr.write(`w2: ${msg}\n(see node bench/w2/throughput.mjs --help)\n`);
  process.exit(2);
}

/** Child: times one detector; prints one JSON line. */
async function child(name, opts) {
  const drift = await import(pathToFileURL(opts.drift).href);
  if (!drift.streamingDetectors) {
    process.stderr.write(`w2: ${opts.drift} has no streamingDetectors: build @driftwatch/drift first (pnpm build)\n`);
    process.exit(1);
  }
  const values = makeStream(DETECTORS[name], opts.values);
  const entry = drift.streamingDetectors[name];
  const options = name === 'kswin' ? { seed: 42 } : {};
  const gcs = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push(e);
  });
  obs.observe({ entryTypes: ['gc'] });
  const run = () => {
    const det = entry.create(options);
    let drifts = 0;
    let warnings = 0;
    const n = values.length;
    globalThis.gc?.();
    const heap0 = v8.getHeapStatistics().used_heap_size;
    const t0 = process.hrtime.bigint();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      det.updateFrom(values, i);
      if (det.driftDetected) drifts++;
      if (det.warningDetected) warnings++;
    }
    const t1 = process.hrtime.bigint();
    const end = performance.now();
    const heap1 = v8.getHeapStatistics().used_heap_size;
    return { seconds: Number(t1 - t0) / 1e9, drifts, warnings, heapGrowth: heap1 - heap0, start, end };
  };
  run(); // warm-up: JIT
  const runs = [];
  for (let r = 0; r < opts.runs; r++) runs.push(run());
  await new Promise((r) => setTimeout(r, 50)); // let the observer deliver the gc entries
  obs.disconnect();
  const last = runs[runs.length - 1];
  const gcDuring = (r) => gcs.filter((e) => e.startTime >= r.start && e.startTime <= r.end).length;
  const secs = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const med = secs[Math.floor(secs.length / 2)];
  process.stdout.write(
    `${JSON.stringify({
      detector: name,
      values: values.length,
      runs: runs.map((r) => r.seconds),
      medianSeconds: med,
      mUpdatesPerSecond: values.length / med / 1e6,
      drifts: last.drifts,
      warnings: last.warnings,
      gcsPerRun: runs.map(gcDuring),
      heapGrowthBytes: runs.map((r) => r.heapGrowth),
    })}\n`,
  );
}

function fmt(x, d = 2) {
  return x == null ? '-' : x.toFixed(d);
}

function table(header, rows) {
  const all = [header, ...rows];
  const w = header.map((_, j) => Math.max(...all.map((r) => String(r[j]).length)));
  return all.map((r) => r.map((c, j) => (j === 0 ? String(c).padEnd(w[j]) : String(c).padStart(w[j]))).join('  ')).join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.drift ??= join(ROOT, 'packages', 'drift', 'dist', 'index.js');
  if (opts.child) return child(opts.child, opts);

  const names = opts.only ?? Object.keys(DETECTORS);
  const results = [];
  for (const name of names) {
    process.stderr.write(`w2: ${name} (${opts.values.toLocaleString('en-US')} values x ${opts.runs + 1} runs)\n`);
    let out;
    try {
      out = execFileSync(
        process.execPath,
        [
          '--expose-gc',
          fileURLToPath(import.meta.url),
          '--child',
          name,
          '--values',
          String(opts.values),
          '--runs',
          String(opts.runs),
          '--drift',
          opts.drift,
        ],
        { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
      );
    } catch (e) {
      process.stderr.write(`w2: ${name} failed (exit ${e.status ?? e.signal}); is ${opts.drift} built? (pnpm build, or --drift PATH)\n`);
      process.exit(1);
    }
    results.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const rows = results.map((r) => {
    const river = RIVER_QUOTED[r.detector];
    const factor = river ? r.mUpdatesPerSecond / river : null;
    return [
      r.detector,
      fmt(r.mUpdatesPerSecond, 3),
      river == null ? '-' : fmt(river, 3),
      factor == null ? '-' : `${fmt(factor, 0)}x`,
      river == null ? '-' : factor >= TARGET_FACTOR ? 'PASS' : 'MISS',
      r.drifts,
      r.warnings,
      r.gcsPerRun.join('/'),
      fmt(Math.max(...r.heapGrowthBytes) / r.values, 4),
    ];
  });
  const lines = [
    `W2 streaming detectors  ${new Date().toISOString()}  node ${process.version}`,
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}; load avg ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
    `${opts.values.toLocaleString('en-US')} values per run, median of ${opts.runs} timed runs after 1 warm-up, one child process per detector`,
    `river M/s: river 0.19, QUOTED FROM THE ISSUE, NOT MEASURED HERE (river is not installable on this machine); target >= ${TARGET_FACTOR}x`,
    '',
    table(
      ['detector', 'M updates/s', 'river M/s (quoted)', 'ratio', `>=${TARGET_FACTOR}x`, 'drifts', 'warnings', 'GCs/run', 'heap B/update'],
      rows,
    ),
    '',
    'GCs/run: garbage collections during each timed run; heap B/update: largest growth of the used heap over a run / values.',
    'Both near 0 mean update() allocates nothing (a per-update allocation of 16 bytes would be 16 MB per run, several scavenges).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const json = opts.json ?? join(ROOT, 'bench', '.data', 'w2-latest.json');
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(
    json,
    `${JSON.stringify({ streamVersion: STREAM_VERSION, node: process.version, riverQuoted: RIVER_QUOTED, targetFactor: TARGET_FACTOR, results }, null, 2)}\n`,
  );
  process.stderr.write(`w2: wrote ${json}\n`);
}

// Run only as a script (the stream generator is importable).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
