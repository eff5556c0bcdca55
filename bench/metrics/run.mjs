#!/usr/bin/env node
// Metrics workload: Driftwatch's binary F1, ROC AUC and log loss on 1 000 000 rows against
// scikit-learn's on the same arrays, each timed in process (the target: ≤ 0.5x sklearn).
// Runs standalone because bench/run.mjs times whole CLI processes, and no CLI command computes
// metrics yet; see bench/README.md.
//
//   node bench/metrics/run.mjs [--rows N] [--runs N] [--reps N] [--python PATH] [--regenerate] [--json PATH]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureScikitLearnEnv } from '../lib/pyenv.mjs';
import { DEFAULT_ROWS, ensureMetricsData } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');
const ROOT = resolve(BENCH, '..');
const DATA = join(BENCH, '.data');
const TARGET = 0.5;
const METRICS = ['f1', 'roc_auc', 'log_loss'];

const HELP = `usage: node bench/metrics/run.mjs [options]

Times @driftwatch/metrics (packages/metrics/dist, build it first) and scikit-learn on the same
binary data (bench/.data/metrics-*, generated on demand) for f1, roc_auc and log_loss, in process:
each side runs N times as a fresh process (alternating who goes first), each process times every
metric --reps times after one untimed warm-up; the report gives the median over all timed calls,
the ratio driftwatch/sklearn against the target (<= ${TARGET}x) and whether the values agree.

options
  --rows N        rows (default ${DEFAULT_ROWS}; other sizes are for quick checks)
  --runs N        processes per side (default 3)
  --reps N        timed calls per metric per process (default 5)
  --python PATH   Python with scikit-learn (default: bench/.venv, created and filled on demand)
  --regenerate    regenerate the data even when up to date
  --json PATH     where to write the JSON result (default bench/.data/metrics-latest.json)
`;

function parse(argv) {
  const o = { rows: DEFAULT_ROWS, runs: 3, reps: 5, python: null, regenerate: false, json: join(DATA, 'metrics-latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) die(`${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = val();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) die(`${a} needs a positive integer, got ${v}`);
      return n;
    };
    if (a === '--rows') o.rows = int();
    else if (a === '--runs') o.runs = int();
    else if (a === '--reps') o.reps = int();
    else if (a === '--python') o.python = resolve(val());
    else if (a === '--json') o.json = resolve(val());
    else if (a === '--regenerate') o.regenerate = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    } else die(`unknown option ${a}`);
  }
  return o;
}

function die(msg) {
  process.stderr.write(`bench/metrics: ${msg}\n(see node bench/metrics/run.mjs --help)\n`);
  process.exit(2);
}
const log = (m) => process.stderr.write(`bench/metrics: ${m}\n`);

/** The Python to use: --python, or bench/.venv with bench/requirements-peer.txt plus scikit-learn. */
function python(opts) {
  return opts.python ?? ensureScikitLearnEnv({ benchDir: BENCH, log });
}

function runSide(argv) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // as bench/run.mjs: numpy picks its own kernel
  delete env.OPENBLAS_L2_SIZE;
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}):\n${(r.stderr ?? '').slice(-2000)}`);
  return JSON.parse(r.stdout);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main() {
  const opts = parse(process.argv.slice(2));
  const dist = join(ROOT, 'packages', 'metrics', 'dist', 'index.js');
  if (!existsSync(dist)) die(`${relative(ROOT, dist)} is missing: build first (pnpm build, or pnpm -F @driftwatch/metrics build)`);
  const { paths, manifest, generated } = ensureMetricsData({ dataDir: DATA, rows: opts.rows, force: opts.regenerate, log });
  const py = python(opts);
  const dataArg = ['--data', relative(ROOT, DATA), '--reps', String(opts.reps)];
  const sides = {
    driftwatch: [process.execPath, join('bench', 'metrics', 'driftwatch.mjs'), ...dataArg],
    sklearn: [py, join('bench', 'metrics', 'peer.py'), ...dataArg],
  };
  const loadAvg = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const outputs = { driftwatch: [], sklearn: [] };
  for (let i = 0; i < opts.runs; i++) {
    const order = i % 2 === 0 ? ['driftwatch', 'sklearn'] : ['sklearn', 'driftwatch'];
    for (const side of order) {
      log(`${side} run ${i + 1}/${opts.runs}`);
      outputs[side].push(runSide(sides[side]));
    }
  }
  const rows = [];
  const result = {
    startedAt: new Date().toISOString(),
    rows: opts.rows,
    runs: opts.runs,
    reps: opts.reps,
    loadAvg,
    data: { manifest, generated, paths },
    metrics: {},
  };
  for (const m of METRICS) {
    const dw = median(outputs.driftwatch.flatMap((o) => o.metrics[m].timesMs));
    const sk = median(outputs.sklearn.flatMap((o) => o.metrics[m].timesMs));
    const dwFirst = median(outputs.driftwatch.map((o) => o.metrics[m].firstMs));
    const skFirst = median(outputs.sklearn.map((o) => o.metrics[m].firstMs));
    const a = outputs.driftwatch[0].metrics[m].value;
    const b = outputs.sklearn[0].metrics[m].value;
    const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    const ratio = dw / sk;
    result.metrics[m] = {
      driftwatchMs: dw,
      sklearnMs: sk,
      ratio,
      driftwatchFirstMs: dwFirst,
      sklearnFirstMs: skFirst,
      driftwatch: a,
      sklearn: b,
      relDiff: rel,
    };
    rows.push([
      m,
      dw.toFixed(1),
      sk.toFixed(1),
      `${ratio.toFixed(3)}x`,
      `<=${TARGET}x`,
      ratio <= TARGET ? 'PASS' : 'MISS',
      `${dwFirst.toFixed(0)}/${skFirst.toFixed(0)}`,
      rel.toExponential(1),
    ]);
  }
  const v = outputs.sklearn[0];
  const header = ['metric', 'driftwatch ms', 'sklearn ms', 'ratio', 'target', 'result', 'first call ms dw/sk', 'rel diff'];
  const all = [header, ...rows];
  const w = header.map((_, j) => Math.max(...all.map((r) => String(r[j]).length)));
  const line = (r) => r.map((c, j) => (j === 0 ? String(c).padEnd(w[j]) : String(c).padStart(w[j]))).join('  ');
  const text = [
    `metrics workload: ${opts.rows.toLocaleString('en-US')} rows, binary; ${opts.runs} process(es) per side x ${opts.reps} timed calls; medians`,
    `node ${process.version}; python ${v.python}, scikit-learn ${v.sklearn}, numpy ${v.numpy}; ${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}; load avg ${loadAvg.join(' ')} at start`,
    `data: generator v${manifest.version}, ${generated ? 'generated now' : 'reused'}; scores sha256 ${manifest.files.scores.sha256}`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
  process.stdout.write(`${text}\n`);
  mkdirSync(dirname(opts.json), { recursive: true });
  writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${relative(process.cwd(), opts.json)}`);
  return Object.values(result.metrics).every((x) => x.relDiff <= 1e-9) ? 0 : 1;
}

process.exitCode = main();
