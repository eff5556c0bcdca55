import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import { smirnov, smirnovParallel, warmSmirnov } from './kolmogorov.js';
import { dropBlockWorker, warmBlockWorker } from './smirnovBlocks.js';

// The compiled worker (tests run from source; `pnpm build` compiles it).
const builtWorker = new URL('../../dist/special/smirnovWorker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'driftwatch-smirnov-worker-'));
const workerModule = (name: string, source: string) => {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path);
};
const defaults = { ...smirnovParallel };

function sequential(n: number, x: number): number {
  smirnovParallel.workerUrl = null;
  return smirnov(n, x);
}

function shared(n: number, x: number, workerUrl: URL, stallMs = defaults.stallMs): number {
  Object.assign(smirnovParallel, { minTerms: 0, workerUrl, stallMs });
  return smirnov(n, x);
}

// n x^2 between 2.2 and 370 is where kstwo.sf sums smirnov's O(n) terms: each case takes several blocks of
// 4096 terms, across that band.
const cases: [number, number][] = [
  [60_000, 0.01],
  [40_000, 0.0075],
  [30_001, 0.02],
  [100_000, 0.06],
  [20_000, 0.001],
];

describe('smirnov with a worker thread sharing the sum', () => {
  afterEach(() => {
    Object.assign(smirnovParallel, defaults);
    dropBlockWorker();
  });

  it('gives the sequential result to the bit', () => {
    for (const [n, x] of cases) expect(Object.is(shared(n, x, builtWorker), sequential(n, x)), `n=${n} x=${x}`).toBe(true);
  });

  it('a worker module that cannot be loaded: this thread computes every block (same result, no hang)', () => {
    const missing = pathToFileURL(join(dir, 'missing.js'));
    const broken = workerModule('broken.mjs', 'throw new Error("boom at load");\n');
    const wrong = workerModule('wrong.mjs', 'export const nothing = 1;\n');
    for (const url of [missing, broken, wrong]) expect(shared(60_000, 0.01, url)).toBe(sequential(60_000, 0.01));
  });

  const stuckWorker = () =>
    workerModule(
      'stuck.mjs',
      [
        'export function runBlockJob(job) {',
        '  Atomics.add(new Int32Array(job.control), 0, 1);',
        '  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);',
        '}',
        '',
      ].join('\n'),
    );

  it('a worker that claims a block and never finishes it: computed here after the stall time, then let go', async () => {
    const stuck = stuckWorker();
    // Loaded before the sum (a loaded machine may take a second), so it claims a block of it.
    const loaded = () => new Promise((resolve) => setTimeout(resolve, 1000));
    const first = warmBlockWorker(stuck);
    await loaded();
    const started = Date.now();
    expect(shared(60_000, 0.01, stuck, 300)).toBe(sequential(60_000, 0.01));
    expect(Date.now() - started).toBeLessThan(10_000);
    // The stuck thread is let go: the next sum gets a fresh one.
    const second = warmBlockWorker(stuck);
    expect(second).not.toBe(first);
    await loaded();
    expect(shared(60_000, 0.01, stuck, 300)).toBe(sequential(60_000, 0.01));
    expect(warmBlockWorker(stuck)).not.toBe(second);
  });

  it('one worker, started ahead by warmSmirnov, serves consecutive sums', () => {
    Object.assign(smirnovParallel, { minTerms: 0, workerUrl: builtWorker });
    warmSmirnov(60_000);
    const warmed = warmBlockWorker(builtWorker);
    expect(warmed).toBeDefined();
    expect(Object.is(smirnov(60_000, 0.01), sequential(60_000, 0.01))).toBe(true);
    Object.assign(smirnovParallel, { workerUrl: builtWorker });
    expect(Object.is(smirnov(40_000, 0.0075), sequential(40_000, 0.0075))).toBe(true);
    smirnovParallel.workerUrl = builtWorker;
    expect(warmBlockWorker(builtWorker)).toBe(warmed);
  });

  it('warmSmirnov starts nothing for threads = 1 or a short sum', () => {
    Object.assign(smirnovParallel, { minTerms: 50_000, workerUrl: builtWorker });
    warmSmirnov(1_000_000, 1);
    warmSmirnov(10_000);
    const started = warmBlockWorker(builtWorker);
    warmSmirnov(1_000_000);
    expect(warmBlockWorker(builtWorker)).toBe(started);
  });

  it("the engine's warm starts the worker for a method named ks on large sides, and none for threads = 1", async () => {
    Object.assign(smirnovParallel, { minTerms: 0, workerUrl: builtWorker });
    // A thread made after a worker has a larger id: the worker warmBlockWorker returns was started before it.
    const later = async () => {
      const marker = new Worker('', { eval: true });
      const id = marker.threadId;
      await marker.terminate();
      return id;
    };
    const engine = new ExactDriftEngine();
    dropBlockWorker();
    engine.warm({ methods: { '*': 'ks' }, threads: 1 }, 1_000_000, 1_000_000);
    engine.warm({ methods: { income: 'wasserstein' } }, 1_000_000, 1_000_000);
    let marker = await later();
    expect(warmBlockWorker(builtWorker)?.worker.threadId).toBeGreaterThan(marker);
    dropBlockWorker();
    engine.warm({ methods: { '*': 'ks' } }, 1_000_000, 1_000_000);
    marker = await later();
    expect(warmBlockWorker(builtWorker)?.worker.threadId).toBeLessThan(marker);
  });

  it('threads = 1 never starts the worker (a stuck one would hold the sum for a minute)', () => {
    Object.assign(smirnovParallel, { minTerms: 0, workerUrl: stuckWorker(), stallMs: 60_000 });
    const alone = smirnov(60_000, 0.01, 1);
    expect(alone).toBe(sequential(60_000, 0.01));
  });
});
