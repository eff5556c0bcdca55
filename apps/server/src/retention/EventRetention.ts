import type { EventStore, Logger } from '@driftwatch/core';

/** How an {@link EventRetention} is built. */
export interface EventRetentionOptions {
  /** The monitors whose events are kept for a while: `retentionMs` is `monitors[].events.retention`; one without keeps its events. */
  readonly monitors: readonly { readonly name: string; readonly retentionMs?: number }[];
  readonly events: EventStore;
  /** Time between passes, ms (`server.retentionInterval`). */
  readonly intervalMs: number;
  /** Default `Date`. */
  readonly clock?: { now(): number };
  readonly logger: Logger;
}

/**
 * Deletes each monitor's stored events older than its `events.retention` on a timer: once when
 * started, then every `intervalMs`, so a server whose monitors seldom run (or never: events only
 * ingested) does not grow without bound. A failed pass is logged and the next one tries again.
 * Timers are plain `setTimeout`s against `clock`, so fake timers drive it in tests.
 */
export class EventRetention {
  readonly #options: EventRetentionOptions;
  readonly #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pass: Promise<void> | undefined;
  #stopped = false;

  constructor(options: EventRetentionOptions) {
    this.#options = options;
    const clock = options.clock ?? Date;
    this.#now = () => clock.now();
  }

  /** Whether any monitor has a retention: without one there is nothing to start. */
  get needed(): boolean {
    return this.#options.monitors.some((m) => m.retentionMs !== undefined);
  }

  /** Starts the passes: the first on the next tick, then every `intervalMs` after the previous one ends. */
  start(): void {
    if (!this.needed || this.#stopped || this.#timer !== undefined) return;
    this.#arm(0);
  }

  /**
   * One pass now: prunes every monitor with a retention and returns how many events each lost
   * (monitors without a retention are absent). A monitor whose prune fails is logged and skipped.
   * When the store partitions events by time (`dropPartitionsBefore`) and every monitor has a
   * retention, the partitions older than the longest retention are dropped whole first, so the
   * per-monitor prunes that follow delete only the rows of the newer partitions.
   */
  async prune(): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    const { monitors, events } = this.#options;
    if (typeof events.dropPartitionsBefore === 'function' && monitors.length > 0 && monitors.every((m) => m.retentionMs !== undefined)) {
      const before = new Date(this.#now() - Math.max(...monitors.map((m) => m.retentionMs as number))).toISOString();
      try {
        const dropped = await events.dropPartitionsBefore(before);
        if (dropped > 0) this.#options.logger.info({ partitions: dropped, before }, 'dropped old event partitions');
      } catch (error) {
        this.#options.logger.error({ err: error, before }, 'could not drop old event partitions; pruning row by row');
      }
    }
    for (const { name, retentionMs } of this.#options.monitors) {
      if (retentionMs === undefined) continue;
      const before = new Date(this.#now() - retentionMs).toISOString();
      try {
        removed[name] = await this.#options.events.prune(name, before);
        if (removed[name] > 0) this.#options.logger.info({ monitor: name, removed: removed[name], before }, 'pruned old events');
      } catch (error) {
        this.#options.logger.error({ err: error, monitor: name }, 'could not prune old events; trying again at the next pass');
      }
    }
    return removed;
  }

  /** Clears the timer and waits for a pass in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#pass = this.prune().then(() => {
        this.#pass = undefined;
        if (!this.#stopped) this.#arm(this.#options.intervalMs);
      });
    }, delayMs);
    // A pending pass alone does not keep the process alive.
    this.#timer.unref?.();
  }
}
