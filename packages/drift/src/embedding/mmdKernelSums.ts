import { DriftwatchError } from '@driftwatch/core';
import { findWorkerModule, workerClass } from '../workerModule.js';
import { type KernelSumJob, kernelSumStatus } from './KernelSumJob.js';
import { rbfKernelSum } from './rbfKernelSum.js';

/** The three kernel sums of MMD²ᵤ: Σ_{i≠j} k(xᵢ, xⱼ), Σ_{i≠j} k(yᵢ, yⱼ) and Σ k(xᵢ, yⱼ). */
export interface MmdKernelSums {
  readonly kxx: number;
  readonly kyy: number;
  readonly kxy: number;
}

/** Options of {@link mmdKernelSums}. */
export interface MmdKernelSumsOptions {
  /**
   * Use a worker thread when m·n is at least this many pairs (default 2²², about 2 000 rows a side:
   * below it starting a worker costs more than it saves). `Infinity` never uses one.
   */
  readonly minParallelPairs?: number;
  /** The worker module (default: the compiled `kernelSumWorker.js` beside this module). */
  readonly workerUrl?: URL;
  /** Fail when the worker shows no progress for this long (ms; default 120 000). */
  readonly stallMs?: number;
}

/**
 * The compiled worker (see {@link findWorkerModule}); none when this module runs from TypeScript source.
 * Looked up on the first parallel run, not when the module loads (a file check and a package resolution
 * that most processes, `check` of two small files among them, never need).
 */
let defaultWorkerUrl: { readonly url: URL | undefined } | undefined;

function findWorker(): URL | undefined {
  defaultWorkerUrl ??= { url: findWorkerModule(import.meta.url, 'kernelSumWorker.js', 'kernelSumWorker') };
  return defaultWorkerUrl.url;
}

// CommonJS bootstrap run by `new Worker(…, { eval: true })`: imports the worker module and, when the
// import itself fails, reports it through the shared status words (the caller cannot see 'error' events
// while it blocks in Atomics.wait). Status and word layout: KernelSumJob.ts.
const bootstrap = `
const { workerData } = require('node:worker_threads');
import(workerData.url).catch((error) => {
  const text = new TextEncoder().encode('cannot load ' + workerData.url + ': ' + (error && error.message || error));
  const out = new Uint8Array(workerData.message);
  const n = Math.min(text.length, out.length);
  out.set(text.subarray(0, n));
  const status = new Int32Array(workerData.status);
  Atomics.store(status, 2, n);
  Atomics.store(status, 0, ${kernelSumStatus.failed});
  Atomics.notify(status, 0);
});
`;

/**
 * The kernel sums of Evidently's `mmd` under k(a, b) = exp(−γ‖a − b‖²), each computed by
 * {@link rbfKernelSum} (blocked, no m × n matrix, each sum in a fixed order): on large inputs Σ k(xᵢ, yⱼ)
 * runs on a worker thread (the matrices shared, not copied per pair) while this thread computes the two
 * within-side sums, which together cost the same (m(m−1)/2 + n(n−1)/2 pairs against m·n). The values
 * are identical to the sequential computation: the split changes which thread sums, not the order.
 * Synchronous: this thread waits with `Atomics.wait`.
 *
 * @throws DriftwatchError (`INTERNAL`) when the worker cannot be loaded, fails, or shows no progress
 * for `stallMs`; the worker is terminated first.
 */
export function mmdKernelSums(
  x: Float64Array,
  m: number,
  y: Float64Array,
  n: number,
  dim: number,
  gamma: number,
  options: MmdKernelSumsOptions = {},
): MmdKernelSums {
  const workerUrl = m * n >= (options.minParallelPairs ?? 2 ** 22) ? (options.workerUrl ?? findWorker()) : undefined;
  if (workerUrl === undefined) {
    return {
      kxx: rbfKernelSum(x, m, x, m, dim, gamma, true),
      kyy: rbfKernelSum(y, n, y, n, dim, gamma, true),
      kxy: rbfKernelSum(x, m, y, n, dim, gamma, false),
    };
  }
  const job: KernelSumJob = {
    x: shared(x, m * dim),
    xRows: m,
    y: shared(y, n * dim),
    yRows: n,
    dim,
    gamma,
    same: false,
    status: new SharedArrayBuffer(3 * 4),
    result: new SharedArrayBuffer(8),
    message: new SharedArrayBuffer(1024),
    url: workerUrl.href,
  };
  const Worker = workerClass();
  const worker = new Worker(bootstrap, { eval: true, workerData: job });
  try {
    const kxx = rbfKernelSum(x, m, x, m, dim, gamma, true);
    const kyy = rbfKernelSum(y, n, y, n, dim, gamma, true);
    const kxy = awaitWorker(job, options.stallMs ?? 120_000);
    return { kxx, kyy, kxy };
  } finally {
    void worker.terminate();
  }
}

/** The first `length` values of `values` in a SharedArrayBuffer. */
function shared(values: Float64Array, length: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(length * 8);
  new Float64Array(buffer).set(values.subarray(0, length));
  return buffer;
}

/** Blocks until the job is done (its sum) or failed / stalled (throws). */
function awaitWorker(job: KernelSumJob, stallMs: number): number {
  const status = new Int32Array(job.status);
  let seen = Atomics.load(status, 1);
  let since = Date.now();
  for (;;) {
    const state = Atomics.load(status, 0);
    if (state === kernelSumStatus.done) return new Float64Array(job.result)[0] as number;
    if (state === kernelSumStatus.failed) {
      const text = new TextDecoder().decode(new Uint8Array(job.message).slice(0, Atomics.load(status, 2)));
      throw new DriftwatchError('INTERNAL', `mmd: the kernel-sum worker failed: ${text}`);
    }
    Atomics.wait(status, 0, state, 1000);
    const progress = Atomics.load(status, 1);
    if (progress !== seen) {
      seen = progress;
      since = Date.now();
    } else if (Date.now() - since > stallMs) {
      throw new DriftwatchError('INTERNAL', `mmd: the kernel-sum worker made no progress for ${stallMs} ms (${job.url})`);
    }
  }
}
