import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DataReadOptions } from '../DataReadOptions.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import type { ReadFrameJob } from './readFrameWorker.js';
import { reviveError, type SerializedError } from './serializeError.js';

/** Options of {@link readFrames}: those of the readers, with progress per file. */
export interface ReadFramesOptions extends Omit<DataReadOptions, 'onProgress'> {
  /** Called about every MiB of each file with its index in `paths`, its bytes read and its size. */
  readonly onProgress?: (index: number, bytesRead: number, totalBytes: number | undefined) => void;
  /** Most workers at once. Default and maximum: `os.availableParallelism()`. */
  readonly concurrency?: number;
}

type WorkerMessage =
  | { readonly type: 'progress'; readonly bytesRead: number; readonly totalBytes: number | undefined }
  | { readonly type: 'frame'; readonly frame: ReadFrame }
  | { readonly type: 'error'; readonly error: SerializedError };

/**
 * Reads several files in parallel, one worker thread per file (at most
 * `os.availableParallelism()` at once), and returns their frames in the
 * order of `paths`. Typed arrays are moved back from the workers, not copied.
 *
 * All files are read with one schema: `options.schema` completed by inference
 * from the head of `paths[0]` (the reference), so kinds agree across files.
 * The first failure rejects with the worker's error rebuilt in this thread
 * (same `InputError` class, code, message and location) and stops the other
 * workers.
 */
export async function readFrames(paths: readonly string[], options: ReadFramesOptions = {}): Promise<ReadFrame[]> {
  if (paths.length === 0) return [];
  const { onProgress, signal, concurrency, ...readOptions } = options;
  const schema = paths.length > 1 ? await inferSchemaFromFile(paths[0], options) : options.schema;
  const jobOptions: ReadFrameJob['options'] = { ...readOptions, schema };
  const limit = Math.max(1, Math.min(paths.length, concurrency ?? availableParallelism(), availableParallelism()));
  const frames: ReadFrame[] = new Array(paths.length);
  const running = new Set<Worker>();
  let next = 0;
  return new Promise<ReadFrame[]>((resolve, reject) => {
    let settled = false;
    let done = 0;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of running) void w.terminate();
      running.clear();
      reject(error);
    };
    const onAbort = () => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    const start = () => {
      const index = next++;
      const job: ReadFrameJob = { path: paths[index], options: jobOptions, progress: onProgress !== undefined };
      const worker = spawnReader(job);
      running.add(worker);
      let answered = false;
      worker.on('message', (message: WorkerMessage) => {
        if (settled) return;
        if (message.type === 'progress') onProgress?.(index, message.bytesRead, message.totalBytes);
        else if (message.type === 'error') {
          answered = true;
          fail(reviveError(message.error));
        } else {
          answered = true;
          frames[index] = message.frame;
          running.delete(worker);
          done++;
          if (done === paths.length) {
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            resolve(frames);
          } else if (next < paths.length) start();
        }
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        if (!answered && !settled) fail(new Error(`reader worker for ${paths[index]} exited with code ${code} before answering`));
      });
    };
    for (let i = 0; i < limit; i++) start();
  });
}

/**
 * Starts the worker of `readFrameWorker`: the .js next to this module when
 * built, or — when this module is TypeScript (under vitest) — through a small
 * .mjs bootstrap that teaches the worker's loader to read .ts.
 */
function spawnReader(job: ReadFrameJob): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./sourceWorkerBootstrap.mjs', here), {
      workerData: { ...job, entry: new URL('./readFrameWorker.ts', here).href },
    });
  }
  return new Worker(new URL('./readFrameWorker.js', here), { workerData: job });
}
