#!/usr/bin/env node
// Deterministic data of the metrics workload: a binary classifier's labels, predictions and
// positive-class probabilities on N rows, as raw little-endian arrays numpy and Node read directly:
//   metrics-y_true.i32, metrics-y_pred.i32 (0/1), metrics-scores.f64 (probabilities in (0, 1))
// plus metrics-manifest.json (version, rows, sizes, sha256).
//
//   node bench/metrics/generate.mjs [--rows N] [--out DIR] [--force]
//
// Bump GENERATOR_VERSION whenever a change alters the bytes written.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../w1/generate.mjs';

export const GENERATOR_VERSION = 1;
export const DEFAULT_ROWS = 1_000_000;
export const SEED = 20_261_127;
export const PREVALENCE = 0.3;

const FILES = { yTrue: 'metrics-y_true.i32', yPred: 'metrics-y_pred.i32', scores: 'metrics-scores.f64' };

/**
 * Labels ~ Bernoulli(0.3); score = sigmoid(normal + 1.2 · (2y − 1)) as a full double (so the sort
 * sees ~N distinct values); prediction = score ≥ 0.5.
 */
export function generateArrays(rows) {
  const rng = makeRng(SEED);
  const yTrue = new Int32Array(rows);
  const yPred = new Int32Array(rows);
  const scores = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = rng.uniform() < PREVALENCE ? 1 : 0;
    const s = 1 / (1 + Math.exp(-(rng.normal() + 1.2 * (2 * y - 1))));
    yTrue[i] = y;
    scores[i] = s;
    yPred[i] = s >= 0.5 ? 1 : 0;
  }
  return { yTrue, yPred, scores };
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const bytesOf = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Paths of the data files, regenerating them when missing, stale or of another size / version. */
export function ensureMetricsData({ dataDir, rows = DEFAULT_ROWS, force = false, log = () => {} }) {
  const paths = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, join(dataDir, f)]));
  const manifestPath = join(dataDir, 'metrics-manifest.json');
  let manifest = null;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {}
  const fresh =
    !force &&
    manifest?.version === GENERATOR_VERSION &&
    manifest.rows === rows &&
    Object.entries(paths).every(([k, p]) => existsSync(p) && statSync(p).size === manifest.files[k].bytes);
  if (fresh) return { paths, manifest, generated: false };
  log(`metrics: generating ${rows} rows into ${dataDir}`);
  const t0 = process.hrtime.bigint();
  mkdirSync(dataDir, { recursive: true });
  const arrays = generateArrays(rows);
  const files = {};
  for (const [k, p] of Object.entries(paths)) {
    const buf = bytesOf(arrays[k]);
    writeFileSync(p, buf);
    files[k] = { bytes: buf.length, sha256: sha256(buf) };
  }
  manifest = { version: GENERATOR_VERSION, rows, seed: SEED, files, generationSeconds: Number(process.hrtime.bigint() - t0) / 1e9 };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { paths, manifest, generated: true };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
  const rows = at('--rows') ? Number(at('--rows')) : DEFAULT_ROWS;
  if (!Number.isInteger(rows) || rows < 1) {
    process.stderr.write(`generate: --rows needs a positive integer, got ${at('--rows')}\n`);
    process.exit(2);
  }
  const dataDir = resolve(at('--out') ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.data'));
  const r = ensureMetricsData({ dataDir, rows, force: args.includes('--force'), log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify({ ...r.manifest, paths: r.paths, generated: r.generated }, null, 2)}\n`);
}
