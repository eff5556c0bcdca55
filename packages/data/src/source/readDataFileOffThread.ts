import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { DriftwatchError } from '@driftwatch/core';
import type { DataReadOptions } from '../DataReadOptions.js';
import { formatForPath } from '../formats/formatForPath.js';
import type { SharedInput } from '../io/SharedInput.js';
import type { ReadFrame } from '../ReadFrame.js';
import type { ReadFileJob, ReadFileReply } from './ReadFileJob.js';
import { frameFromMessage, reviveFailure } from './ReadFileJob.js';
import { readDataFile } from './readDataFile.js';

/**
 * Files smaller than this are read on the calling thread: starting a worker (a V8 isolate, the reader's
 * modules) costs tens of milliseconds, about what parsing 16 MiB of CSV takes.
 */
export const minOffThreadBytes = 16 * 2 ** 20;

/** Options of {@link readDataFileOffThread}. */
export interface OffThreadOptions {
  /** The worker module (default: the compiled `readFileWorker.js`, see `findWorker`). */
  readonly workerUrl?: URL;
  /** Read on the calling thread below this file size (bytes; default {@link minOffThreadBytes}). */
  readonly minBytes?: number;
  /**
   * The caller's open of the file (a data source's head read and full read share one): used when
   * the read stays on this thread, closed before a worker opens the file itself.
   */
  readonly input?: SharedInput;
  /** A thread {@link startReadWorker} started for this file ahead of the read: used instead of a new one. */
  readonly started?: ReadWorker;
}

/** A reading thread started ahead of its read: give it to {@link readDataFileOffThread}, or {@link stop} it. */
export class ReadWorker {
  #worker: Worker | undefined;
  /** What happened to the thread before a read took it. */
  #failure: Error | undefined;
  #exitCode: number | undefined;

  constructor(
    readonly file: string,
    worker: Worker,
  ) {
    this.#worker = worker;
    worker.on('error', (error) => {
      this.#failure ??= error;
    });
    worker.on('exit', (code) => {
      this.#exitCode ??= code;
    });
  }

  /** The thread for a read of `file` (the same file, however its path is written), once (undefined when it was taken, stopped or is for another file). */
  take(file: string): { readonly worker: Worker; readonly failure?: Error; readonly exitCode?: number } | undefined {
    const worker = this.#worker;
    if (worker === undefined || resolve(file) !== resolve(this.file)) return undefined;
    this.#worker = undefined;
    return {
      worker,
      ...(this.#failure ? { failure: this.#failure } : {}),
      ...(this.#exitCode !== undefined ? { exitCode: this.#exitCode } : {}),
    };
  }

  /** Stops the thread unless a read took it (the run ended before its read). */
  stop(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
  }
}

/**
 * Starts the reading thread of a coming {@link readDataFileOffThread} of `file`, so that it loads the
 * reader's modules (~0.1 s) while the calling thread does other work (a check infers the schema from
 * the reference's head meanwhile). Undefined when that read would stay on the calling thread (the same
 * rules: size, regular file, format, a compiled worker). The thread does not keep the process alive
 * until a read takes it.
 */
export function startReadWorker(
  file: string,
  format: DataReadOptions['format'],
  offThread: Pick<OffThreadOptions, 'workerUrl' | 'minBytes'> = {},
): ReadWorker | undefined {
  const key = resolve(file);
  const early = ahead.get(key);
  if (early === undefined) return newReadThread(file, format, offThread);
  ahead.delete(key);
  // The read may stay on this thread after all (another format than the file's name says).
  if (readerUrl(file, format ?? formatForPath(file), offThread) !== undefined) return early;
  early.stop();
  return undefined;
}

/** Threads {@link startReadWorkerAhead} started, by absolute path, until {@link startReadWorker} takes them. */
const ahead = new Map<string, ReadWorker>();

/**
 * Starts the reading thread of `file` earlier still than {@link startReadWorker}: a command that
 * knows from its arguments that it will read `file` on a thread calls it first thing, so the thread
 * loads the reader's modules while the command loads its own (the run's composition, its providers,
 * the reference's head); the data source's {@link startReadWorker} then takes it. Nothing happens
 * when the read would stay on the calling thread (the same rules). A thread no read takes does not
 * keep the process alive. Returns the thread, or undefined when none was started (one started
 * earlier for the file is not started again).
 */
export function startReadWorkerAhead(
  file: string,
  format?: DataReadOptions['format'],
  offThread: Pick<OffThreadOptions, 'workerUrl' | 'minBytes'> = {},
): ReadWorker | undefined {
  const key = resolve(file);
  if (ahead.has(key)) return undefined;
  const started = newReadThread(key, format, offThread);
  if (started !== undefined) ahead.set(key, started);
  return started;
}

/** A reading thread for `file`, not keeping the process alive; undefined when its read stays on this thread. */
function newReadThread(
  file: string,
  format: DataReadOptions['format'],
  offThread: Pick<OffThreadOptions, 'workerUrl' | 'minBytes'>,
): ReadWorker | undefined {
  const workerUrl = readerUrl(file, format ?? formatForPath(file), offThread);
  if (workerUrl === undefined) return undefined;
  const worker = newReadWorker(workerUrl);
  worker.unref();
  return new ReadWorker(file, worker);
}

/**
 * The reading thread's module when a read of `file` goes to a thread: a regular file of `minBytes` or
 * more, not Parquet, and a compiled worker to start; undefined when the read stays on the calling thread.
 */
function readerUrl(
  file: string,
  format: DataReadOptions['format'],
  offThread: Pick<OffThreadOptions, 'workerUrl' | 'minBytes'>,
): URL | undefined {
  const workerUrl = offThread.workerUrl ?? findWorker();
  if (workerUrl === undefined || format === 'parquet') return undefined;
  let size: number;
  try {
    const s = statSync(file);
    size = s.isFile() ? s.size : -1;
  } catch {
    return undefined;
  }
  return size >= (offThread.minBytes ?? minOffThreadBytes) ? workerUrl : undefined;
}

/**
 * A reading thread, waiting for its job. `node:worker_threads` is required here, when a read goes to a
 * thread: a small file (most reads) is read on the calling thread and needs no worker machinery.
 */
function newReadWorker(workerUrl: URL): Worker {
  const execArgv = workerExecArgv();
  const { Worker: WorkerClass } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  return new WorkerClass(workerUrl, execArgv ? { execArgv } : {});
}

/**
 * The compiled worker: beside this module in the built package, and in the CLI's bundle (its chunks
 * and the bundled worker share `dist/chunks/`); else through the package's `./readFileWorker` export;
 * none when this module runs from TypeScript source (tests pass `workerUrl`). Looked up on the first
 * call, not when the module loads.
 */
let defaultWorkerUrl: { readonly url: URL | undefined } | undefined;

function findWorker(): URL | undefined {
  defaultWorkerUrl ??= { url: findWorkerFile() };
  return defaultWorkerUrl.url;
}

function findWorkerFile(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const beside = new URL('./readFileWorker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('@driftwatch/data/readFileWorker'));
  } catch {
    return undefined;
  }
}

/**
 * The worker's Node options: this thread's (inherited, the default) unless they set export conditions,
 * which are then left out: the worker is compiled JavaScript and imports the compiled packages, where a
 * source condition (vitest's `@driftwatch/source`) would point it at TypeScript. Only then is a list
 * given: an explicit list may not hold V8 flags such as the CLI's `--max-semi-space-size`.
 */
function workerExecArgv(): string[] | undefined {
  const args = process.execArgv;
  const isCondition = (a: string) => a === '--conditions' || a === '-C' || a.startsWith('--conditions=') || a.startsWith('-C=');
  if (!args.some(isCondition)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--conditions' || a === '-C') i++;
    else if (!isCondition(a)) out.push(a);
  }
  return out;
}

/**
 * {@link readDataFile} on a worker thread, so that the calling thread can read another file meanwhile
 * (a check's two sides on two cores). The frame's arrays are transferred, not copied: categorical
 * columns arrive as their codes and dictionary, numeric ones as their `Float64Array`. Progress is
 * forwarded to `options.onProgress`; an abort of `options.signal` stops the worker. Input errors keep
 * their code and location.
 *
 * Reads on the calling thread instead (same result) when the file is smaller than `minBytes`, is not
 * a regular file (a pipe is spooled once, by the calling thread's reader), is Parquet, or comes with an
 * open `input`, or when no compiled worker module is found.
 */
export async function readDataFileOffThread(
  file: string,
  options: DataReadOptions = {},
  offThread: OffThreadOptions = {},
): Promise<ReadFrame> {
  const format = options.format ?? formatForPath(file);
  const workerUrl = options.input === undefined ? readerUrl(file, format, offThread) : undefined;
  if (workerUrl === undefined) return readDataFile(file, offThread.input ? { ...options, input: offThread.input } : options);
  await offThread.input?.close();
  options.signal?.throwIfAborted();

  const { input: _input, signal, onProgress, ...cloneable } = options;
  const job: ReadFileJob = { file, options: { ...cloneable, format } };
  const started = offThread.started?.take(file);
  const worker = started?.worker ?? newReadWorker(workerUrl);
  worker.ref();
  worker.postMessage(job);
  return new Promise<ReadFrame>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, frame?: ReadFrame) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(frame as ReadFrame);
    };
    const abort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error('read aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: ReadFileReply) => {
      if (reply.type === 'progress') onProgress?.(reply.bytesRead, reply.totalBytes);
      else if (reply.type === 'done') finish(undefined, frameFromMessage(reply.frame));
      else finish(reviveFailure(reply.error));
    });
    const failed = (error: Error) =>
      finish(new DriftwatchError('INTERNAL', `${file}: the reading thread failed (${workerUrl.href}): ${error.message}`, { cause: error }));
    const exited = (code: number) =>
      finish(new DriftwatchError('INTERNAL', `${file}: the reading thread stopped (exit code ${code}) before the data was read`));
    worker.on('error', failed);
    worker.on('exit', exited);
    // A thread started ahead may have failed before this read took it.
    if (started?.failure) failed(started.failure);
    else if (started?.exitCode !== undefined) exited(started.exitCode);
  });
}
