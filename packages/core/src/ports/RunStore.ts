/** One recorded monitor run. */
export interface RunRecord {
  readonly id: string;
  readonly monitor: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly status: 'ok' | 'drift' | 'failed';
  /** The serialisable run result (a `DriftReport` and, later, metrics). */
  readonly result: unknown;
  /** Sinks that failed to publish, with the reason. */
  readonly failedSinks?: readonly { readonly type: string; readonly reason: string }[];
}

/** Persists runs, results and retraining state; writes are atomic. */
export interface RunStore {
  saveRun(run: RunRecord): Promise<void>;
  /** Runs of a monitor (or all), newest first. */
  listRuns(query?: { readonly monitor?: string; readonly limit?: number }): Promise<RunRecord[]>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Takes a named lock for `ttlMs`; `false` when another holder has it. */
  acquireLock(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLock(name: string, owner: string): Promise<void>;
}
