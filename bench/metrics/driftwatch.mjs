#!/usr/bin/env node
// Driftwatch side of the metrics workload: loads the arrays, then times each metric in process
// (median of --reps runs, after one untimed warm-up run) and prints one JSON document.
//   node bench/metrics/driftwatch.mjs --data DIR [--reps N]
// Needs the built package (packages/metrics/dist; `pnpm build` or `pnpm bench` builds it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeMetric } from '../../packages/metrics/dist/index.js';

const args = process.argv.slice(2);
const at = (f, d) => (args.includes(f) ? args[args.indexOf(f) + 1] : d);
const dataDir = at('--data', 'bench/.data');
const reps = Number(at('--reps', '5'));

function load(file, Type) {
  const buf = readFileSync(join(dataDir, file));
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return new Type(copy);
}
const input = {
  yTrue: load('metrics-y_true.i32', Int32Array),
  yPred: load('metrics-y_pred.i32', Int32Array),
  scores: load('metrics-scores.f64', Float64Array),
  classes: ['0', '1'],
  positive: 1,
};

const out = { side: 'driftwatch', node: process.version, rows: input.yTrue.length, reps, metrics: {} };
for (const name of ['f1', 'roc_auc', 'log_loss']) {
  const times = [];
  let value = null;
  const t0 = process.hrtime.bigint();
  value = computeMetric(name, input).value;
  const first = Number(process.hrtime.bigint() - t0) / 1e6;
  for (let r = 0; r < reps; r++) {
    const t = process.hrtime.bigint();
    value = computeMetric(name, input).value;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  out.metrics[name] = { value, firstMs: first, medianMs: times[times.length >> 1], timesMs: times };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
