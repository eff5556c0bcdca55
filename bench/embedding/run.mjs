#!/usr/bin/env node
// Self-timed workload: the four embedding drift methods (Evidently 0.7's distance, ratio, mmd, model)
// on 10 000 x 384 vectors per side, Driftwatch (packages/drift/dist, in process) against a numpy /
// scipy / scikit-learn implementation of Evidently's formulas (bench/embedding/peer.py) on the same
// float64 data, each method timed once per side after both load the data. Prints seconds, the ratio
// driftwatch/peer and both scores; the machine's load average is printed with them.
//
//   node bench/embedding/run.mjs [--rows N] [--dim N] [--methods distance,ratio,mmd,mmd-bootstrap,model] [--python PATH] [--json PATH]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureScikitLearnEnv } from '../lib/pyenv.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');
const ROOT = resolve(BENCH, '..');
const DATA = join(BENCH, '.data');
const ALL = ['distance', 'distance-bootstrap', 'ratio', 'mmd', 'mmd-bootstrap', 'model'];
// The default set (mmd-bootstrap is opt-in: it adds minutes to `pnpm bench` on a loaded machine).
const DEFAULT = ALL.filter((m) => m !== 'mmd-bootstrap');
// Methods the peer does not run (Evidently's mmd bootstrap builds (m+n)^2 kernel matrices per resample): Driftwatch only.
const DRIFTWATCH_ONLY = new Set(['mmd-bootstrap']);

function parse(argv) {
  const o = { rows: 10_000, dim: 384, methods: DEFAULT, python: null, json: join(DATA, 'embedding-latest.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    if (a === '--rows') o.rows = Number(v);
    else if (a === '--dim') o.dim = Number(v);
    else if (a === '--methods') o.methods = v.split(',');
    else if (a === '--python') o.python = resolve(v);
    else if (a === '--json') o.json = resolve(v);
    else {
      process.stderr.write(`bench/embedding: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  for (const m of o.methods) {
    if (!ALL.includes(m)) {
      process.stderr.write(`bench/embedding: unknown method ${m} (${ALL.join(', ')})\n`);
      process.exit(2);
    }
  }
  return o;
}
const log = (m) => process.stderr.write(`bench/embedding: ${m}\n`);

const opts = parse(process.argv.slice(2));
const dist = join(ROOT, 'packages', 'drift', 'dist', 'index.js');
if (!existsSync(dist)) {
  log(`${relative(ROOT, dist)} is missing: build first (pnpm build)`);
  process.exit(1);
}
const { Xoshiro128 } = await import(join(ROOT, 'packages', 'core', 'dist', 'index.js'));
const drift = await import(dist);

// Data: reference N(0, 1); current shifted by 0.05 in the first 32 dimensions and scaled x1.1 in the next 32.
mkdirSync(DATA, { recursive: true });
const rng = new Xoshiro128(14_384);
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
const side = (shift) => {
  const v = new Float64Array(opts.rows * opts.dim);
  for (let i = 0; i < v.length; i++) {
    const k = i % opts.dim;
    v[i] = shift ? (k < 32 ? normal() + 0.05 : k < 64 ? normal() * 1.1 : normal()) : normal();
  }
  return { rows: opts.rows, dim: opts.dim, values: v };
};
const reference = side(false);
const current = side(true);
const refPath = join(DATA, 'embedding-reference.f64');
const curPath = join(DATA, 'embedding-current.f64');
writeFileSync(refPath, new Uint8Array(reference.values.buffer));
writeFileSync(curPath, new Uint8Array(current.values.buffer));

const specs = {
  distance: { method: 'distance' },
  'distance-bootstrap': { method: 'distance', bootstrap: true },
  ratio: { method: 'ratio' },
  mmd: { method: 'mmd' },
  'mmd-bootstrap': { method: 'mmd', bootstrap: true },
  model: { method: 'model' },
};
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
const ours = {};
for (const m of opts.methods) {
  log(`driftwatch ${m}`);
  const t0 = performance.now();
  const r = drift.embeddingDrift(reference, current, specs[m]);
  ours[m] = { seconds: (performance.now() - t0) / 1000, statistic: r.statistic, threshold: r.threshold, drifted: r.drifted };
}
const peerMethods = opts.methods.filter((m) => !DRIFTWATCH_ONLY.has(m));
let peer = { methods: {} };
if (peerMethods.length > 0) {
  const python = opts.python ?? ensureScikitLearnEnv({ benchDir: BENCH, log });
  log('peer (numpy / scipy / scikit-learn)');
  const peerRun = spawnSync(python, [join(HERE, 'peer.py'), refPath, curPath, String(opts.rows), String(opts.dim), peerMethods.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (peerRun.status !== 0) {
    log(`peer failed (exit ${peerRun.status}):\n${peerRun.stderr.slice(-2000)}`);
    process.exit(1);
  }
  peer = JSON.parse(peerRun.stdout);
}
const loadAfter = os.loadavg().map((x) => Math.round(x * 100) / 100);

const fmt = (x, d = 6) => (x === null || x === undefined ? '—' : Number(x).toPrecision(d));
const header = ['method', 'driftwatch s', 'peer s', 'ratio', 'driftwatch score', 'peer score', '|diff|', 'verdicts'];
const rows = opts.methods.map((m) => {
  const a = ours[m];
  const b = peer.methods[m];
  if (b === undefined) return [m, a.seconds.toFixed(2), '—', '—', fmt(a.statistic), '—', '—', a.drifted ? 'drift' : 'no drift'];
  return [
    m,
    a.seconds.toFixed(2),
    b.seconds.toFixed(2),
    `${(a.seconds / b.seconds).toFixed(2)}x`,
    fmt(a.statistic),
    fmt(b.statistic),
    Math.abs(a.statistic - b.statistic).toExponential(1),
    a.drifted === b.drifted ? `agree (${a.drifted ? 'drift' : 'no drift'})` : `DIFFER (${a.drifted} / ${b.drifted})`,
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(
  `embedding drift, ${opts.rows} x ${opts.dim} per side  ${new Date().toISOString()}  node ${process.version}  ` +
    `load average ${loadBefore.join(' ')} -> ${loadAfter.join(' ')} on ${os.cpus().length} cores`,
);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('peer: numpy/scipy/scikit-learn running Evidently 0.7 formulas (MMD kernel sums in row blocks; model: SGDClassifier)');
writeFileSync(opts.json, `${JSON.stringify({ rows: opts.rows, dim: opts.dim, loadBefore, loadAfter, driftwatch: ours, peer }, null, 2)}\n`);
