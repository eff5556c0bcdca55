import {
  type EnqueueResult,
  type JobHandler,
  type JobQueue,
  type JobRequest,
  type Logger,
  StateError,
  type WorkOptions,
} from '@driftwatch/core';
import PgBoss from 'pg-boss';
import { jobIdFor } from './jobIdFor.js';

/** The pg-boss queue every Driftwatch job goes to (the job's `kind` is in its data). */
export const queueName = 'driftwatch';

/** How a {@link PostgresJobQueue} connects and treats jobs. */
export interface PostgresJobQueueOptions {
  /** `postgres://user@host:port/db`. */
  readonly url: string;
  /** The schema of pg-boss's tables, created (and migrated) on start. */
  readonly schema: string;
  /** How long a job may run before it is failed and retried (by another worker), ms. */
  readonly expireAfterMs: number;
  /** Retries of a failed or expired job. */
  readonly retries: number;
  /** Wait before a retry, ms. */
  readonly retryDelayMs: number;
  /** How often an idle worker asks for a job, ms (≥ 500). */
  readonly pollIntervalMs: number;
  /** How often expired jobs are looked for (one process does it per interval), ms (≥ 1000). */
  readonly maintenanceIntervalMs: number;
  /** Connections of this process's pool. */
  readonly maxConnections: number;
  readonly logger: Logger;
}

interface JobData {
  readonly kind: string;
  readonly key: string;
  readonly payload: Record<string, unknown>;
}

/** Tries of `createQueue` when processes starting together race for it (see `start`). */
const createQueueAttempts = 5;

/**
 * A {@link JobQueue} on PostgreSQL through pg-boss: a job's id is derived from its key, so N
 * processes enqueuing one key add one job (the insert does nothing on the existing id); a worker
 * takes a job with `SKIP LOCKED`, so each runs on one worker; a job still active after
 * `expireAfter` (its worker was killed, or it hung) is failed by the maintenance and retried, up to
 * `retries` times, with the same id. A worker aborts its own job at the expiry, so a job that
 * outlives it is not recorded by two workers.
 */
export class PostgresJobQueue implements JobQueue {
  readonly shared = true;
  readonly expireAfterMs: number;
  readonly #options: PostgresJobQueueOptions;
  readonly #boss: PgBoss;
  readonly #running = new Map<string, { readonly controller: AbortController; readonly done: Promise<unknown> }>();
  #started: Promise<void> | undefined;
  #working = false;
  #stopping: Promise<void> | undefined;

  constructor(options: PostgresJobQueueOptions) {
    this.#options = options;
    this.expireAfterMs = options.expireAfterMs;
    this.#boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema,
      max: options.maxConnections,
      // Every process may expire jobs; pg-boss runs the maintenance once per interval across them.
      supervise: true,
      schedule: false,
      migrate: true,
      maintenanceIntervalSeconds: Math.max(1, Math.round(options.maintenanceIntervalMs / 1000)),
    });
    this.#boss.on('error', (error: Error) => options.logger.error({ err: error }, 'job queue: pg-boss error'));
  }

  /** Creates (or migrates) the schema and the queue; several processes may start at once. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      await this.#boss.start();
      for (let attempt = 1; !(await this.#boss.getQueue(queueName)); attempt++) {
        try {
          await this.#boss.createQueue(queueName, { name: queueName, policy: 'standard' });
        } catch (error) {
          // Another process creating it at the same moment: its queue appears, or PostgreSQL broke a
          // deadlock between the two creations ("deadlock detected", 40P01) and the survivor commits
          // shortly after. Look again, a few times, before giving up.
          if (attempt >= createQueueAttempts) {
            if (await this.#boss.getQueue(queueName)) break;
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    })();
    return this.#started;
  }

  async enqueue(request: JobRequest): Promise<EnqueueResult> {
    if (this.#stopping) throw new StateError('STATE_CONFLICT', 'the job queue is stopped; no new jobs');
    await this.start();
    const id = jobIdFor(request.key);
    const data: JobData = { kind: request.kind, key: request.key, payload: { ...request.payload } };
    const sent = await this.#boss.send(queueName, data as unknown as object, {
      id,
      expireInSeconds: Math.max(1, Math.ceil((request.expireAfterMs ?? this.#options.expireAfterMs) / 1000)),
      retryLimit: this.#options.retries,
      retryDelay: Math.ceil(this.#options.retryDelayMs / 1000),
    });
    return { id, enqueued: sent !== null };
  }

  async work(handler: JobHandler, options: WorkOptions): Promise<void> {
    if (this.#working) throw new StateError('STATE_CONFLICT', 'this process already works the job queue');
    if (this.#stopping) throw new StateError('STATE_CONFLICT', 'the job queue is stopped');
    this.#working = true;
    await this.start();
    // One fetch loop per concurrent job: a loop takes its next job when its last one ends.
    for (let i = 0; i < options.concurrency; i++) {
      await this.#boss.work<JobData>(
        queueName,
        { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, this.#options.pollIntervalMs / 1000), includeMetadata: true },
        async ([job]) => (job ? this.#run(handler, job) : undefined),
      );
    }
  }

  async #run(handler: JobHandler, job: PgBoss.JobWithMetadata<JobData>): Promise<unknown> {
    const controller = new AbortController();
    // pg-boss fails the job at its expiry (and retries it elsewhere): the run stops recording then.
    const expireMs = Number(job.expireInSeconds) * 1000;
    const expiry = setTimeout(
      () => controller.abort(new StateError('STATE_CONFLICT', `job ${job.id} reached its expiry (${Math.round(expireMs / 1000)}s)`)),
      Math.max(0, expireMs - 500),
    );
    const done = handler({
      id: job.id,
      kind: job.data.kind,
      key: job.data.key,
      payload: job.data.payload,
      retry: Number(job.retryCount ?? 0),
      signal: controller.signal,
    });
    this.#running.set(job.id, { controller, done });
    try {
      const result = await done;
      // pg-boss keeps the output as jsonb: a small summary, not a whole run result.
      return summarise(result);
    } finally {
      clearTimeout(expiry);
      this.#running.delete(job.id);
    }
  }

  /** Jobs this process runs now. */
  get running(): number {
    return this.#running.size;
  }

  stop(options: { readonly deadlineMs: number }): Promise<void> {
    this.#stopping ??= (async () => {
      if (!this.#started) return;
      await this.#started.catch(() => undefined);
      if (this.#working) await this.#boss.offWork(queueName);
      const running = [...this.#running.values()];
      if (running.length > 0) {
        const all = Promise.allSettled(running.map((r) => r.done));
        if (!(await within(all, options.deadlineMs))) {
          this.#options.logger.warn(
            { jobs: this.#running.size },
            'jobs still running at the stop deadline; aborting them (they are retried)',
          );
          for (const r of running) r.controller.abort(new StateError('STATE_CONFLICT', 'the worker is stopping'));
          await within(all, 5_000);
        }
      }
      // A job still active here is failed by pg-boss (and retried by another worker).
      await this.#boss.stop({ graceful: true, wait: true, timeout: 1_000 });
    })();
    return this.#stopping;
  }
}

async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function summarise(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result ?? null;
  const r = result as Record<string, unknown>;
  return {
    ...(typeof r.runId === 'string' ? { runId: r.runId } : {}),
    ...(typeof r.status === 'string' ? { status: r.status } : {}),
    ...(r.attempt !== undefined ? { attempt: r.attempt } : {}),
  };
}
