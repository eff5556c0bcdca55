/** One monitor's scheduling state, as the scheduler reports it. */
export interface MonitorRunStatus {
  readonly name: string;
  readonly nextRunAt?: string;
  readonly running: boolean;
  readonly lastScheduledAt?: string;
}

/**
 * What the server needs of the scheduler: manual runs through its no-overlap guard and each
 * monitor's state. `MonitorScheduler` of @driftwatch/runtime is one; {@link ManualRuns} is the
 * server's own when no monitor has a schedule.
 */
export interface RunTrigger {
  /** Starts a run of `name` now, unless one is running. */
  trigger(name: string): 'started' | 'already-running';
  status(): readonly MonitorRunStatus[];
  /** Stops taking work; waits for running runs until the deadline, then aborts them (when asked). */
  stop(options: { readonly deadlineMs: number; readonly abortRunning?: boolean }): Promise<void>;
}
