import type { Worker } from 'node:worker_threads';
import { findWorkerModule, workerClass } from '../workerModule.js';

/**
 * The block protocol that lets a worker thread share the O(n) work of `smirnov(n, x)`.
 *
 * Each term of the Smirnov sum is C(n, v) times a power part (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
 * and the power parts (five to eight `Math.pow` calls each) are what costs: about 1.5 s for
 * n = 500 000 on this machine. They do not depend on each other, so both threads compute them, block
 * by block, into shared arrays: each thread claims the next block from a shared counter, computes it
 * and flags it done. The calling thread alone keeps the running sum (the binomial coefficient, the
 * double-double sum and the stopping rule, in term order), so the result is the sequential one to the
 * bit: the split changes which thread computes a power part, never how. When the worker cannot start,
 * fails or stalls, the caller computes the blocks it is missing itself. One worker serves every sum of
 * the process, and a caller that knows a sum is coming starts it early ({@link warmBlockWorker}), so its
 * start-up (~0.1 s) overlaps other work.
 */

/** Words of {@link SmirnovBlocksJob.control}. */
export const blockWord = {
  /** Index of the next unclaimed block. */
  next: 0,
  /** Count of blocks done (waited on with `Atomics.wait`). */
  done: 1,
  /** 1 once the worker has failed (it then computes nothing more). */
  failed: 2,
  /** 1 when the caller needs no more blocks. */
  stop: 3,
} as const;

/** What the worker receives for one sum: term j in [1, nTerms) is at index j − 1 of the arrays. */
export interface SmirnovBlocksJob {
  readonly n: number;
  readonly x: number;
  /** v = start + j · step. */
  readonly start: number;
  readonly step: number;
  readonly nTerms: number;
  readonly blockSize: number;
  /** Float64 × (nTerms − 1): the power part's double-double significand. */
  readonly hi: SharedArrayBuffer;
  readonly lo: SharedArrayBuffer;
  /** Float64 × (nTerms − 1): its binary exponent. */
  readonly exps: SharedArrayBuffer;
  /** Int32 per block: 1 when done. */
  readonly flags: SharedArrayBuffer;
  /** Int32 × 4, see {@link blockWord}. */
  readonly control: SharedArrayBuffer;
  /** The worker module's URL (the block worker's bootstrap imports it). */
  readonly url: string;
}

/** Computes the power parts of terms [from, to) into `hi`, `lo`, `exps` at index j − offset (kolmogorov.ts). */
export type PowerParts = (
  n: number,
  x: number,
  start: number,
  step: number,
  from: number,
  to: number,
  hi: Float64Array,
  lo: Float64Array,
  exps: Float64Array,
  offset: number,
) => void;

/** Typed views of a job's shared buffers. */
export interface SmirnovBlockViews {
  readonly job: SmirnovBlocksJob;
  readonly hi: Float64Array;
  readonly lo: Float64Array;
  readonly exps: Float64Array;
  readonly flags: Int32Array;
  readonly control: Int32Array;
  readonly blocks: number;
}

export function newSmirnovBlocksJob(
  n: number,
  x: number,
  start: number,
  step: number,
  nTerms: number,
  blockSize: number,
  url: URL,
): SmirnovBlocksJob {
  const terms = nTerms - 1;
  return {
    n,
    x,
    start,
    step,
    nTerms,
    blockSize,
    hi: new SharedArrayBuffer(terms * 8),
    lo: new SharedArrayBuffer(terms * 8),
    exps: new SharedArrayBuffer(terms * 8),
    flags: new SharedArrayBuffer(Math.ceil(terms / blockSize) * 4),
    control: new SharedArrayBuffer(4 * 4),
    url: url.href,
  };
}

export function smirnovBlockViews(job: SmirnovBlocksJob): SmirnovBlockViews {
  return {
    job,
    hi: new Float64Array(job.hi),
    lo: new Float64Array(job.lo),
    exps: new Float64Array(job.exps),
    flags: new Int32Array(job.flags),
    control: new Int32Array(job.control),
    blocks: Math.ceil((job.nTerms - 1) / job.blockSize),
  };
}

/** Computes block `b` (terms [1 + b · size, …)) and flags it done. */
export function computeBlock(views: SmirnovBlockViews, b: number, powerParts: PowerParts): void {
  const { job } = views;
  const from = 1 + b * job.blockSize;
  const to = Math.min(from + job.blockSize, job.nTerms);
  powerParts(job.n, job.x, job.start, job.step, from, to, views.hi, views.lo, views.exps, 1);
  Atomics.store(views.flags, b, 1);
  Atomics.add(views.control, blockWord.done, 1);
  Atomics.notify(views.control, blockWord.done);
}

/** Claims the next block for this thread: its index, or −1 when none is left or the caller stopped. */
export function claimBlock(views: SmirnovBlockViews): number {
  if (Atomics.load(views.control, blockWord.stop) === 1) return -1;
  const b = Atomics.add(views.control, blockWord.next, 1);
  return b < views.blocks ? b : -1;
}

/**
 * Waits until block `b` is done; false when the worker failed or showed no progress for `stallMs`
 * (the caller then computes the block itself: a duplicate computation writes the same values).
 */
export function awaitBlock(views: SmirnovBlockViews, b: number, stallMs: number): boolean {
  let seen = Atomics.load(views.control, blockWord.done);
  let since = Date.now();
  while (Atomics.load(views.flags, b) !== 1) {
    if (Atomics.load(views.control, blockWord.failed) === 1) return false;
    Atomics.wait(views.control, blockWord.done, seen, 200);
    const done = Atomics.load(views.control, blockWord.done);
    if (done !== seen) {
      seen = done;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return false;
  }
  return true;
}

/** Marks `control`'s job failed and wakes the thread waiting on it. */
export function markFailed(control: Int32Array): void {
  Atomics.store(control, blockWord.failed, 1);
  Atomics.notify(control, blockWord.done);
}

// CommonJS bootstrap run by `new Worker(…, { eval: true })`: imports the worker module once and runs each
// job posted to the thread with its `runBlockJob`; when the import fails, marks every job failed at once,
// so the caller never waits for a worker that did not start.
const bootstrap = `
const { parentPort, workerData } = require('node:worker_threads');
const fail = (job) => {
  const control = new Int32Array(job.control);
  Atomics.store(control, ${blockWord.failed}, 1);
  Atomics.notify(control, ${blockWord.done});
};
let run;
let failed = false;
const waiting = [];
parentPort.on('message', (job) => (run ? run(job) : failed ? fail(job) : waiting.push(job)));
import(workerData.url).then(
  (m) => {
    if (typeof m.runBlockJob === 'function') run = m.runBlockJob;
    else failed = true;
    for (const job of waiting.splice(0)) (run ?? fail)(job);
  },
  () => {
    failed = true;
    for (const job of waiting.splice(0)) fail(job);
  },
);
`;

/** The block worker: one thread kept for every sum of the process, started ahead of its first job. */
interface BlockWorker {
  readonly worker: Worker;
  readonly url: string;
  /** The jobs given to it and not yet ended by their caller (marked failed when the thread dies). */
  readonly jobs: Set<SmirnovBlocksJob>;
}

let blockWorker: BlockWorker | undefined;

/**
 * Starts the block worker of module `url` (loading its modules while this thread does other work), unless
 * it runs already; undefined when the thread cannot be created. It does not keep the process alive.
 */
export function warmBlockWorker(url: URL): BlockWorker | undefined {
  if (blockWorker?.url === url.href) return blockWorker;
  dropBlockWorker();
  try {
    const worker = new (workerClass())(bootstrap, { eval: true, workerData: { url: url.href } });
    worker.unref();
    const entry: BlockWorker = { worker, url: url.href, jobs: new Set() };
    const gone = () => {
      for (const job of entry.jobs) markFailed(new Int32Array(job.control));
      if (blockWorker === entry) blockWorker = undefined;
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    blockWorker = entry;
    return entry;
  } catch {
    return undefined;
  }
}

/** Gives `job` to the block worker (started now when it is not running); false when there is no thread. */
export function postBlockJob(job: SmirnovBlocksJob): boolean {
  const entry = warmBlockWorker(new URL(job.url));
  if (entry === undefined) return false;
  entry.jobs.add(job);
  entry.worker.postMessage(job);
  return true;
}

/** Forgets `job` (its caller has its sum): a thread that dies later no longer needs to mark it failed. */
export function endBlockJob(job: SmirnovBlocksJob): void {
  blockWorker?.jobs.delete(job);
}

/** Stops the block worker (it stalled, or another module replaces it): the next job starts a fresh one. */
export function dropBlockWorker(): void {
  const entry = blockWorker;
  blockWorker = undefined;
  if (entry) void entry.worker.terminate();
}

/** The compiled worker module (see {@link findWorkerModule}); none when running from TypeScript source. */
export function findSmirnovWorker(): URL | undefined {
  return findWorkerModule(import.meta.url, 'smirnovWorker.js', 'smirnovWorker');
}
