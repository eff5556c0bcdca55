/** A job to put on a {@link JobQueue}. */
export interface JobRequest {
  /** What the job does, e.g. `monitor-run`, `retraining`; the handler dispatches on it. */
  readonly kind: string;
  /**
   * Deterministic key: two requests with the same key are one job (the second is not enqueued).
   * A scheduled run's key names the monitor and the slot, so N replicas enqueue one job per slot.
   */
  readonly key: string;
  /** JSON-serialisable. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** How long this job may run before it is handed to another worker, over the queue's `expireAfter` (a retraining attempt takes hours). */
  readonly expireAfterMs?: number;
}

/** A job handed to a {@link JobHandler}. */
export interface Job extends JobRequest {
  /** Stable across the job's retries (derived from `key` on a queue that dedupes by key). */
  readonly id: string;
  /** 0 on the first delivery, then 1, 2… on each retry (after a failure or an expiry). */
  readonly retry: number;
  /**
   * Aborted when the job must stop: the worker is stopping past its deadline, or the job reached
   * its expiry (the queue hands it to another worker then; the handler must not record anything after).
   */
  readonly signal: AbortSignal;
}

/** Runs one job; a rejection fails the job (retried while the queue's retries last). */
export type JobHandler = (job: Job) => Promise<unknown>;

/** What {@link JobQueue.enqueue} did. */
export interface EnqueueResult {
  /** The job's id (that of the existing job when the key was already enqueued). */
  readonly id: string;
  /** False when a job with the same key existed: nothing was added. */
  readonly enqueued: boolean;
  /** The handler's result, for a queue that runs the job before `enqueue` resolves (the in-process queue). */
  readonly result?: unknown;
}

/** How {@link JobQueue.work} takes jobs. */
export interface WorkOptions {
  /** Jobs run at once by this process, ≥ 1. */
  readonly concurrency: number;
}

/**
 * Where monitor runs and retraining attempts go to be run. The in-process queue (the default) runs
 * a job in the process that enqueues it, before `enqueue` resolves; a shared queue (PostgreSQL) stores
 * it, and any process that called {@link work} runs it, once.
 */
export interface JobQueue {
  /**
   * True when jobs are stored and run by whichever process works the queue (possibly another
   * machine); false when `enqueue` runs the job itself, in this process.
   */
  readonly shared: boolean;
  /**
   * How long a job may run before the queue hands it to another worker (a worker killed mid-job is
   * noticed then), ms; absent on the in-process queue. A monitor run holds the monitor's lock for
   * this long, so the lock of a killed run expires with its job.
   */
  readonly expireAfterMs?: number;
  /**
   * Enqueues a job unless one with its key exists.
   * @param options.signal - for the in-process queue: aborts the job it runs.
   */
  enqueue(request: JobRequest, options?: { readonly signal?: AbortSignal }): Promise<EnqueueResult>;
  /** Starts taking jobs with `handler` (once per process). */
  work(handler: JobHandler, options: WorkOptions): Promise<void>;
  /**
   * Stops taking jobs; waits up to `deadlineMs` for running jobs, then aborts them and hands them
   * back to the queue (a shared queue retries them elsewhere). Idempotent.
   */
  stop(options: { readonly deadlineMs: number }): Promise<void>;
}
