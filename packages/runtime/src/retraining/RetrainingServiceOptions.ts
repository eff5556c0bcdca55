import type { JobQueue } from '@driftwatch/core';

/** Settings of the `RetrainingService`; every field has a default. */
export interface RetrainingServiceOptions {
  /** Folder of the attempts' files (training and holdout sets). Default `.driftwatch/retraining`. */
  readonly workDir?: string;
  readonly now?: () => Date;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly redact?: (text: string) => string;
  /** Progress lines (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  /**
   * A shared job queue (PostgreSQL): an attempt a run's decision asks for is enqueued as a job,
   * which a worker runs under the model's lock, instead of running inside the run. Absent (or the
   * in-process queue): the attempt runs in the run, as before.
   */
  readonly queue?: JobQueue;
}
