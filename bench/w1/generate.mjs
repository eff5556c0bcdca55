#!/usr/bin/env node
// Deterministic data of workload W1: a reference and a current CSV with 10 numeric
// and 2 categorical columns; the current file drifts in 4 of the 12 columns.
//
//   node bench/w1/generate.mjs [--rows N] [--out DIR] [--force]
//
// The same version, rows and seed give the same bytes (the manifest records
// their sha256). Bump GENERATOR_VERSION whenever anything here changes what is
// written: bench/run.mjs regenerates the files when the version in the manifest
// differs, and only then (or when a file is missing or has the wrong size).
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const DEFAULT_ROWS = 1_000_000;
export const SEED = 20_251_127;

// ---------------------------------------------------------------------------
// PRNG: xoshiro128** seeded by splitmix32; 53-bit uniform doubles in [0, 1).
// Only 32-bit integer ops, so the stream is the same on every machine.

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function makeRng(seed) {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const next = () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return r;
  };
  const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  let spare = Number.NaN;
  // Box-Muller; Math.log/sqrt/cos/sin are V8's fdlibm ports, stable across machines.
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const v = spare;
      spare = Number.NaN;
      return v;
    }
    const u1 = 1 - uniform(); // (0, 1]
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * u2;
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
  return { next, uniform, normal };
}

function rotl(x, k) {
  return (x << k) | (x >>> (32 - k));
}

// ---------------------------------------------------------------------------
// Columns. `ref` and `cur` describe each side; a column whose `cur` is omitted
// has the same distribution in both files (independent samples).
// kinds: normal(mean, sd) · lognormal(mu, sigma) · uniform(lo, hi) ·
// intnormal(mean, sd, lo, hi) · intexp(mean, hi) · intuniform(lo, hi) · cat(labels, weights)

export const COLUMNS = [
  { name: 'age', kind: 'intnormal', ref: [41, 13, 18, 90], cur: [46, 13, 18, 90], drift: 'mean +5 years' },
  { name: 'income', kind: 'lognormal', ref: [10.8, 0.55] },
  { name: 'credit_score', kind: 'intnormal', ref: [680, 70, 300, 850] },
  { name: 'tenure_days', kind: 'intexp', ref: [180, 730] },
  {
    name: 'channel',
    kind: 'cat',
    ref: [
      ['web', 'store', 'app', 'phone', 'partner'],
      [0.4, 0.25, 0.2, 0.1, 0.05],
    ],
    cur: [
      ['web', 'store', 'app', 'phone', 'partner'],
      [0.27, 0.2, 0.35, 0.1, 0.08],
    ],
    drift: 'category mix: app up, web down',
  },
  { name: 'session_minutes', kind: 'lognormal', ref: [2.3, 0.8] },
  { name: 'latency_ms', kind: 'lognormal', ref: [4.5, 0.35] },
  { name: 'sensor_temp', kind: 'normal', ref: [21, 2.5], cur: [21, 4], drift: 'scale x1.6' },
  { name: 'discount_rate', kind: 'uniform', ref: [0, 0.3] },
  { name: 'items_in_cart', kind: 'intuniform', ref: [0, 4] },
  {
    name: 'region',
    kind: 'cat',
    ref: [
      ['north', 'south', 'east', 'west', 'central', 'online'],
      [0.18, 0.17, 0.2, 0.15, 0.1, 0.2],
    ],
  },
  { name: 'risk_score', kind: 'normal', ref: [0, 1], cur: [0.35, 1], drift: 'mean +0.35 sd' },
];

export const DRIFTED_COLUMNS = COLUMNS.filter((c) => c.cur).map((c) => c.name);

// ---------------------------------------------------------------------------
// Byte writer: rows are formatted straight into large Buffers (no strings).

const CHUNK = 4 << 20;
const SLACK = 4096; // a row is far shorter

class ChunkWriter {
  constructor(stream, hash) {
    this.stream = stream;
    this.hash = hash;
    this.bytes = 0;
    this.fresh();
  }
  fresh() {
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
  }
  /** Hands a full chunk to the stream; resolves when the stream wants more. */
  flush() {
    if (this.pos === 0) return null;
    const chunk = this.buf.subarray(0, this.pos);
    this.hash.update(chunk);
    this.bytes += chunk.length;
    const ok = this.stream.write(chunk);
    this.fresh();
    return ok ? null : new Promise((r) => this.stream.once('drain', r));
  }
  ascii(bytes) {
    for (let i = 0; i < bytes.length; i++) this.buf[this.pos++] = bytes[i];
  }
  uint(n) {
    // n: a non-negative integer below 2^53
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits - 1;
    for (let m = n; m >= 1; m = Math.floor(m / 10)) this.buf[p--] = 48 + (m % 10);
    this.pos += digits;
  }
  int(n) {
    if (n < 0) {
      this.buf[this.pos++] = 45;
      this.uint(-n);
    } else this.uint(n);
  }
  /** `x` with exactly 6 decimals, e.g. -1.234567; "-0.000000" never appears. */
  fixed6(x) {
    let v = Math.round(x * 1e6);
    if (v < 0) {
      this.buf[this.pos++] = 45;
      v = -v;
    }
    const ip = Math.floor(v / 1e6);
    let fp = v - ip * 1e6;
    this.uint(ip);
    const b = this.buf;
    b[this.pos] = 46;
    for (let k = 6; k >= 1; k--) {
      b[this.pos + k] = 48 + (fp % 10);
      fp = Math.floor(fp / 10);
    }
    this.pos += 7;
  }
}

// A column sampler draws one value and writes it.
function sampler(col, params, rng) {
  switch (col.kind) {
    case 'normal': {
      const [m, s] = params;
      return (w) => w.fixed6(m + s * rng.normal());
    }
    case 'lognormal': {
      const [mu, sigma] = params;
      return (w) => w.fixed6(Math.exp(mu + sigma * rng.normal()));
    }
    case 'uniform': {
      const [lo, hi] = params;
      return (w) => w.fixed6(lo + (hi - lo) * rng.uniform());
    }
    case 'intnormal': {
      const [m, s, lo, hi] = params;
      return (w) => w.int(Math.min(hi, Math.max(lo, Math.round(m + s * rng.normal()))));
    }
    case 'intexp': {
      const [mean, hi] = params;
      return (w) => w.uint(Math.min(hi, Math.floor(-mean * Math.log(1 - rng.uniform()))));
    }
    case 'intuniform': {
      const [lo, hi] = params;
      return (w) => w.int(lo + Math.floor((hi - lo + 1) * rng.uniform()));
    }
    case 'cat': {
      const [labels, weights] = params;
      const total = weights.reduce((a, b) => a + b, 0);
      const cum = [];
      let acc = 0;
      for (const wt of weights) cum.push((acc += wt / total));
      cum[cum.length - 1] = 1;
      const enc = labels.map((l) => Buffer.from(l, 'ascii'));
      return (w) => {
        const u = rng.uniform();
        let i = 0;
        while (u >= cum[i]) i++;
        w.ascii(enc[i]);
      };
    }
    default:
      throw new Error(`unknown column kind ${col.kind}`);
  }
}

/** Writes one CSV; resolves to { bytes, sha256 }. */
export async function writeCsv(path, { rows, seed, side }) {
  const rng = makeRng(seed);
  const samplers = COLUMNS.map((c) => sampler(c, side === 'current' && c.cur ? c.cur : c.ref, rng));
  const tmp = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(tmp, { highWaterMark: 2 * CHUNK });
  const done = new Promise((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  const hash = createHash('sha256');
  const w = new ChunkWriter(stream, hash);
  w.ascii(Buffer.from(`${COLUMNS.map((c) => c.name).join(',')}\n`, 'ascii'));
  const ncol = samplers.length;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < ncol; j++) {
      if (j > 0) w.buf[w.pos++] = 44; // ','
      samplers[j](w);
    }
    w.buf[w.pos++] = 10; // '\n'
    if (w.pos > CHUNK - SLACK) {
      const wait = w.flush();
      if (wait) await wait;
    }
  }
  w.flush();
  stream.end();
  await done;
  renameSync(tmp, path);
  return { bytes: w.bytes, sha256: hash.digest('hex') };
}

// ---------------------------------------------------------------------------

export function w1Paths(dataDir, rows = DEFAULT_ROWS) {
  const tag = rows === DEFAULT_ROWS ? 'w1' : `w1-${rows}`;
  return {
    reference: join(dataDir, `${tag}-reference.csv`),
    current: join(dataDir, `${tag}-current.csv`),
    manifest: join(dataDir, `${tag}-manifest.json`),
  };
}

function readManifest(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Why the files must be (re)generated, or null when the manifest and files match. */
function staleReason(paths, manifest, rows) {
  if (!manifest) return 'no manifest';
  if (manifest.version !== GENERATOR_VERSION) return `generator version ${manifest.version} -> ${GENERATOR_VERSION}`;
  if (manifest.rows !== rows || manifest.seed !== SEED) return 'rows or seed changed';
  for (const side of ['reference', 'current']) {
    const f = manifest.files?.[side];
    if (!existsSync(paths[side])) return `${side} file missing`;
    if (!f || statSync(paths[side]).size !== f.bytes) return `${side} file has another size`;
  }
  return null;
}

/**
 * Makes sure the W1 CSVs exist for this generator version; generates them
 * (both at once) when not. Returns the manifest plus whether it generated.
 */
export async function ensureW1Data({ dataDir, rows = DEFAULT_ROWS, force = false, log = () => {} }) {
  mkdirSync(dataDir, { recursive: true });
  const paths = w1Paths(dataDir, rows);
  const old = readManifest(paths.manifest);
  const reason = force ? 'forced' : staleReason(paths, old, rows);
  if (!reason) return { paths, manifest: old, generated: false };

  log(`w1: generating ${rows.toLocaleString('en-US')} rows x 2 files (${reason})`);
  const t0 = process.hrtime.bigint();
  const [ref, cur] = await Promise.all([
    writeCsv(paths.reference, { rows, seed: SEED, side: 'reference' }),
    writeCsv(paths.current, { rows, seed: SEED + 1, side: 'current' }),
  ]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const manifest = {
    version: GENERATOR_VERSION,
    rows,
    seed: SEED,
    columns: COLUMNS.map((c) => ({ name: c.name, kind: c.kind === 'cat' ? 'categorical' : 'numeric', drift: c.drift ?? null })),
    files: { reference: ref, current: cur },
    generatedWith: `node ${process.version}`,
    generationSeconds: Math.round(seconds * 100) / 100,
  };
  writeFileSync(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`w1: generated in ${seconds.toFixed(2)} s`);
  return { paths, manifest, generated: true };
}

// ---------------------------------------------------------------------------
// CLI

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: node bench/w1/generate.mjs [--rows N] [--out DIR] [--force]');
    process.exit(0);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(opt('--out', join(here, '..', '.data')));
  const rows = Number.parseInt(opt('--rows', String(DEFAULT_ROWS)), 10);
  const { paths, manifest, generated } = await ensureW1Data({
    dataDir,
    rows,
    force: args.includes('--force'),
    log: (m) => console.error(m),
  });
  if (!generated) console.error('w1: up to date (use --force to regenerate)');
  for (const side of ['reference', 'current']) {
    const f = manifest.files[side];
    console.log(`${paths[side]}  ${(f.bytes / 1e6).toFixed(1)} MB  sha256 ${f.sha256}`);
  }
}
