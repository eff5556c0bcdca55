#!/usr/bin/env node
// Self-timed workload: CBPE (label-free performance estimation) against the realised metrics.
// On deterministic populations under pure covariate shift (packages/metrics'
// covariateShiftScenario: labels from a fixed P(y | x), inputs moving chunk by chunk), prints the
// mean absolute error of each estimate against the realised metric, with and without isotonic
// recalibration, and the time to fit on 1M reference rows and to estimate 1M rows in 20 chunks.
// Needs packages/metrics/dist (pnpm bench builds first).
import { performance } from 'node:perf_hooks';
import { Cbpe, covariateShiftScenario } from '../../packages/metrics/dist/index.js';

const metrics = ['accuracy', 'f1', 'roc_auc'];

function mae(estimates) {
  let sum = 0;
  for (const e of estimates) sum += Math.abs(e.estimate - e.realised);
  return sum / estimates.length;
}

function row(label, scenario, calibration) {
  const cbpe = Cbpe.fit(scenario.reference, { referenceChunks: scenario.referenceChunks, calibration });
  const r = cbpe.estimate(scenario.analysis, scenario.analysisChunks);
  const acc = r.accuracy;
  const drop = acc[0].realised - acc[acc.length - 1].realised;
  return [label, calibration, String(cbpe.calibrated.some(Boolean)), ...metrics.map((m) => mae(r[m]).toFixed(4)), drop.toFixed(3)];
}

const calibrated = covariateShiftScenario();
const overconfident = covariateShiftScenario({ temperature: 3, bias: 0.8 });
const multiclass = covariateShiftScenario({ nClasses: 3, temperature: 2 });
const rows = [
  row('binary, calibrated model', calibrated, 'auto'),
  row('binary, over-confident model', overconfident, 'auto'),
  row('binary, over-confident model', overconfident, 'never'),
  row('3 classes, over-confident model', multiclass, 'auto'),
  row('3 classes, over-confident model', multiclass, 'never'),
];
const header = [
  'scenario (20 chunks x 5000 rows)',
  'calibration',
  'recalibrated',
  'MAE accuracy',
  'MAE f1',
  'MAE roc_auc',
  'realised acc. drop',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`CBPE vs realised metrics under covariate shift  ${new Date().toISOString()}  node ${process.version}`);
console.log(line(header));
for (const r of rows) console.log(line(r));

// Speed: 1M reference rows (fit: calibration check, isotonic fits, sampling-error components), 1M rows in 20 chunks.
const big = covariateShiftScenario({ rowsPerChunk: 50_000, referenceChunks: 20, analysisChunks: 20 });
let fitMs = Number.POSITIVE_INFINITY;
let estMs = Number.POSITIVE_INFINITY;
let cbpe;
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  cbpe = Cbpe.fit(big.reference, { referenceChunks: big.referenceChunks });
  const t1 = performance.now();
  cbpe.estimate(big.analysis, big.analysisChunks);
  const t2 = performance.now();
  fitMs = Math.min(fitMs, t1 - t0);
  estMs = Math.min(estMs, t2 - t1);
}
console.log(
  `speed (best of 3): fit on 1,000,000 reference rows ${fitMs.toFixed(0)} ms; estimate 6 metrics on 1,000,000 rows in 20 chunks ${estMs.toFixed(0)} ms`,
);
