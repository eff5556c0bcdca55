#!/usr/bin/env node
// Closed-loop workloads (issue 5): the offline demo end to end against the issue's budget
// (< 60 s on a 2-core machine), and the validation gate's paired bootstrap against the same
// computation with scikit-learn, each timed in process on the same rows.
//
//   node bench/loop/run.mjs [--runs N] [--rows N] [--resamples N] [--python PATH]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureScikitLearnEnv } from '../lib/pyenv.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');
const ROOT = resolve(BENCH, '..');
const DATA = join(BENCH, '.data');
const BUDGET_S = 60;

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const runs = Number(opt('--runs', 3));
const rows = Number(opt('--rows', 10_000));
const resamples = Number(opt('--resamples', 1000));
const log = (m) => process.stderr.write(`loop: ${m}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. The demo, as `pnpm demo` runs it (built CLI), in fresh folders.
const demoTimes = [];
for (let i = 0; i < runs; i++) {
  const out = mkdtempSync(join(os.tmpdir(), 'dw-loop-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'examples/demo/demo.mjs'), out], { encoding: 'utf8' });
  const s = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) {
    log(`demo run ${i + 1} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  demoTimes.push(s);
  log(`demo run ${i + 1}/${runs}: ${s.toFixed(1)} s`);
}

// 2. The gate's paired bootstrap: two binary classifiers on one holdout.
// Deterministic rows: a label, two models' scores correlated with it (the challenger more).
let state = 12345;
const uniform = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
};
const y = [];
const champion = new Float64Array(rows);
const challenger = new Float64Array(rows);
for (let i = 0; i < rows; i++) {
  const label = uniform() < 0.3 ? 1 : 0;
  y.push(String(label));
  champion[i] = Math.min(1, Math.max(0, 0.35 + 0.25 * label + 0.45 * (uniform() - 0.5)));
  challenger[i] = Math.min(1, Math.max(0, 0.33 + 0.35 * label + 0.45 * (uniform() - 0.5)));
}
const labelsOf = (scores) => Array.from(scores, (p) => (p >= 0.5 ? '1' : '0'));
mkdirSync(DATA, { recursive: true });
const csv = join(DATA, `gate-${rows}.csv`);
writeFileSync(csv, `y,a,b\n${y.map((v, i) => `${v},${champion[i]},${challenger[i]}`).join('\n')}\n`);

const { validationGate } = await import(join(ROOT, 'packages/retraining/dist/index.js'));
const gateOnce = (metric) =>
  validationGate({
    gate: { metric, floors: {}, metrics: [], bootstrap: { resamples, level: 0.95, alpha: 0.05, seed: 0 } },
    task: 'classification',
    labels: y,
    champion: { version: '1', predictions: { rows, labels: labelsOf(champion), scores: champion } },
    challenger: { version: '2', predictions: { rows, labels: labelsOf(challenger), scores: challenger } },
  });
const ours = {};
for (const metric of ['f1', 'roc_auc']) {
  gateOnce(metric);
  const times = [];
  let decision;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    decision = gateOnce(metric).decision;
    times.push(performance.now() - t0);
  }
  ours[metric] = { ms: median(times), gain: decision.gain, lower: decision.bootstrap.lower, upper: decision.bootstrap.upper };
}

const python = opt('--python', null) ?? ensureScikitLearnEnv({ benchDir: BENCH, log });
const peer = spawnSync(
  python,
  [
    '-c',
    `
import json, sys, time
import numpy as np
from sklearn.metrics import f1_score, roc_auc_score
d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
y, a, b = d[:, 0].astype(int), d[:, 1], d[:, 2]
pa, pb = (a >= 0.5).astype(int), (b >= 0.5).astype(int)
B = int(sys.argv[2])
out = {}
for metric in ['f1', 'roc_auc']:
    times = []
    for rep in range(3):
        rng = np.random.default_rng(0)
        t0 = time.perf_counter()
        gains = []
        for _ in range(B):
            i = rng.integers(0, len(y), len(y))
            if metric == 'f1':
                gains.append(f1_score(y[i], pb[i]) - f1_score(y[i], pa[i]))
            else:
                gains.append(roc_auc_score(y[i], b[i]) - roc_auc_score(y[i], a[i]))
        times.append((time.perf_counter() - t0) * 1000)
    full = f1_score(y, pb) - f1_score(y, pa) if metric == 'f1' else roc_auc_score(y, b) - roc_auc_score(y, a)
    out[metric] = {'ms': sorted(times)[1], 'gain': full}
print(json.dumps(out))
`,
    csv,
    String(resamples),
  ],
  { encoding: 'utf8' },
);
if (peer.status !== 0) {
  log(`scikit-learn side failed:\n${peer.stderr}`);
  process.exit(1);
}
const theirs = JSON.parse(peer.stdout);

const demo = median(demoTimes);
process.stdout.write(`
Closed loop (issue 5), ${os.cpus().length} cores
  pnpm demo end to end (generate, first model, serve, run → retrain, gate, deploy; run again; report):
    median ${demo.toFixed(1)} s of ${runs} runs; budget ${BUDGET_S} s → ${(demo / BUDGET_S).toFixed(2)}x of budget ${demo < BUDGET_S ? 'PASS' : 'MISS'}
  validation gate, paired bootstrap of the gain (${resamples} resamples, ${rows} holdout rows), in process:
${['f1', 'roc_auc']
  .map(
    (m) =>
      `    ${m.padEnd(8)} driftwatch ${ours[m].ms.toFixed(1).padStart(7)} ms   scikit-learn ${theirs[m].ms.toFixed(0).padStart(6)} ms   ratio ${(ours[m].ms / theirs[m].ms).toFixed(3)}x   gain ${ours[m].gain.toFixed(6)} vs ${theirs[m].gain.toFixed(6)}${Math.abs(ours[m].gain - theirs[m].gain) < 1e-12 ? ' (agree)' : ' (DIFFER)'}`,
  )
  .join('\n')}
`);
