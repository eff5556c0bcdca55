import type { Logger } from '@driftwatch/core';
import type { MonitorRunStatus, RunTrigger } from './RunTrigger.js';

/** Runs a monitor once; resolves when its run is recorded. */
export type RunMonitor = (name: string, options: { readonly signal: AbortSignal; readonly scheduledAt: Date; readonly reason: 'manual' }) => Promise<unknown>;

/**
 * Manual runs with the scheduler's guard (never two runs of one monitor at once in this process),
 * for a server whose monitors have no schedule.
 */
export class ManualRuns implements RunTrigger {
  readonly #running = new Map<string, { readonly promise: Promise<void>; readonly abort: AbortController }>();
  #stopped = false;

  constructor(
    private readonly monitors: readonly string[],
    private readonly runMonitor: RunMonitor,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  trigger(name: string): 'started' | 'already-running' {
    if (this.#stopped) throw new Error('the server is stopping: no new runs');
    if (!this.monitors.includes(name)) throw new Error(`unknown monitor "${name}"`);
    if (this.#running.has(name)) return 'already-running';
    const abort = new AbortController();
    const promise = this.runMonitor(name, { signal: abort.signal, scheduledAt: new Date(this.now()), reason: 'manual' }).then(
      () => undefined,
      (error: unknown) => this.logger.error(`monitor ${name}: manual run failed: ${(error as Error).message}`),
    );
    const entry = { promise: promise.finally(() => this.#running.delete(name)), abort };
    this.#running.set(name, entry);
    return 'started';
  }

  status(): readonly MonitorRunStatus[] {
    return this.monitors.map((name) => ({ name, running: this.#running.has(name) }));
  }

  async stop(options: { readonly deadlineMs: number; readonly abortRunning?: boolean }): Promise<void> {
    this.#stopped = true;
    const all = Promise.all([...this.#running.values()].map((r) => r.promise));
    let timer: NodeJS.Timeout | undefined;
    const expired = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), options.deadlineMs);
      }),
    ]);
    clearTimeout(timer);
    if (expired && options.abortRunning !== false) {
      for (const r of this.#running.values()) r.abort.abort(new Error('the server is shutting down'));
      await all;
    }
  }
}
