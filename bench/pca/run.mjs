#!/usr/bin/env node
// Self-timed workload: multivariate drift by PCA reconstruction error (NannyML's
// DataReconstructionDriftCalculator) on W1's 10 numeric columns, 1M reference and 1M current rows
// in chunks of 100 000: Driftwatch's reconstructionDrift (packages/drift/dist) against the same
// pipeline in pandas + scikit-learn (bench/pca/peer.py), each timed in its own process after
// reading the CSVs, in the same run. Prints both times, the ratio and the largest difference of
// the chunk values.
//
//   node bench/pca/run.mjs [--rows N] [--runs N] [--python PATH]
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../packages/data/dist/index.js';
import { reconstructionDrift } from '../../packages/drift/dist/index.js';
import { ensureScikitLearnEnv } from '../lib/pyenv.mjs';
import { COLUMNS, DEFAULT_ROWS, ensureW1Data } from '../w1/generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = resolve(HERE, '..');
const args = process.argv.slice(2);
const opt = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const rows = Number(opt('--rows', DEFAULT_ROWS));
const runs = Number(opt('--runs', 3));
const chunk = Math.max(1, Math.round(rows / 10));
const numeric = COLUMNS.filter((c) => c.kind !== 'cat').map((c) => c.name);
const log = (m) => process.stderr.write(`${m}\n`);

const { paths } = await ensureW1Data({ dataDir: join(BENCH, '.data'), rows, log });
const python = opt('--python', null) ?? ensureScikitLearnEnv({ benchDir: BENCH, log });

const t0 = performance.now();
const reference = await readCsv(paths.reference);
const current = await readCsv(paths.current);
const readMs = performance.now() - t0;
const spec = { by: 'size', size: chunk, incomplete: 'keep' };
let dwMs = Number.POSITIVE_INFINITY;
let result;
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  result = reconstructionDrift(reference, current, numeric, spec);
  dwMs = Math.min(dwMs, performance.now() - t);
}

let peer;
let peerMs = Number.POSITIVE_INFINITY;
for (let r = 0; r < runs; r++) {
  const p = spawnSync(python, [join(HERE, 'peer.py'), paths.reference, paths.current, String(chunk), numeric.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (p.status !== 0) throw new Error(`peer failed: ${p.stderr}`);
  peer = JSON.parse(p.stdout);
  peerMs = Math.min(peerMs, peer.pipeline_s * 1000);
}

let maxDiff = 0;
result.points.forEach((p, i) => {
  maxDiff = Math.max(maxDiff, Math.abs(p.value - peer.values[i]));
});
result.reference.values.forEach((v, i) => {
  maxDiff = Math.max(maxDiff, Math.abs(v - peer.reference[i]));
});
console.log(
  `PCA reconstruction drift (NannyML) on W1  ${new Date().toISOString()}  node ${process.version}  load: ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
);
console.log(
  `  ${numeric.length} numeric columns, ${rows.toLocaleString('en-US')} rows per side, chunks of ${chunk.toLocaleString('en-US')} rows`,
);
console.log(
  `  components: driftwatch ${result.components}, peer ${peer.components}; alerts: ${result.summary.alerts} of ${result.points.length} chunks`,
);
console.log(`  reading both CSVs: driftwatch ${readMs.toFixed(0)} ms, peer ${(peer.read_s * 1000).toFixed(0)} ms (not in the ratio)`);
console.log(
  `  fit + score (best of ${runs}): driftwatch ${dwMs.toFixed(0)} ms, scikit-learn ${peerMs.toFixed(0)} ms, ratio ${(dwMs / peerMs).toFixed(2)}x`,
);
console.log(`  largest difference of a chunk value: ${maxDiff.toExponential(2)} (${maxDiff < 1e-6 ? 'agree' : 'DISAGREE'} at 1e-6)`);
