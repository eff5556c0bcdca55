import { type Logger, StateError } from '@driftwatch/core';
import { type MonitorSchedule, type MonitorScheduleInput, monitorScheduleSchema } from './monitorScheduleSchema.js';
import { type ScheduleSlots, scheduleSlots } from './scheduleSlots.js';

/** Why a run was started: its slot came, a slot was missed while the process was down, or someone asked. */
export type RunReason = 'schedule' | 'missed' | 'manual';

/** What a scheduled run gets besides the monitor's name. */
export interface ScheduledRunOptions {
  /** Aborted when `stop()` gives up waiting for the run. */
  readonly signal: AbortSignal;
  /** The slot the run is for (for a manual run: when it was asked for). */
  readonly scheduledAt: Date;
  readonly reason: RunReason;
}

/** How a {@link MonitorScheduler} is built. */
export interface MonitorSchedulerOptions {
  /** Every monitor it may run; one without `schedule` only runs by {@link MonitorScheduler.trigger}. Names are unique. */
  readonly monitors: readonly { readonly name: string; readonly schedule?: MonitorSchedule | MonitorScheduleInput }[];
  /** Runs one monitor through the same pipeline as `driftwatch run`; a rejection is logged, never rethrown. */
  readonly runMonitor: (name: string, options: ScheduledRunOptions) => Promise<unknown>;
  /** When the monitor last ran (from the store), for the missed-run policy; undefined when never. */
  readonly lastRunAt: (name: string) => Promise<Date | undefined>;
  /** Default `Date`. */
  readonly clock?: { now(): number };
  readonly logger: Logger;
  /** A number in [0, 1) for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/** One monitor's state as {@link MonitorScheduler.status} reports it. */
export interface MonitorScheduleStatus {
  readonly name: string;
  /** ISO-8601: when its next scheduled run starts (slot plus jitter); absent without a schedule or once stopped. */
  readonly nextRunAt?: string;
  readonly running: boolean;
  /** ISO-8601: the slot (or manual request time) of the last run it started. */
  readonly lastScheduledAt?: string;
}

/** How {@link MonitorScheduler.stop} ends. */
export interface StopOptions {
  /** How long to wait for running runs to finish, ms. */
  readonly deadlineMs: number;
  /** Abort runs still running at the deadline (default true); false leaves them running. */
  readonly abortRunning?: boolean;
  /** After aborting, how long to wait for the aborted runs to settle, ms. Default 1000. */
  readonly abortGraceMs?: number;
}

interface Entry {
  readonly name: string;
  readonly schedule?: MonitorSchedule;
  readonly slots?: ScheduleSlots;
  timer?: ReturnType<typeof setTimeout>;
  /** Epoch ms the timer fires at, and the slot it is for. */
  nextFireAt?: number;
  nextSlot?: number;
  lastScheduledAt?: number;
  run?: { readonly controller: AbortController; readonly done: Promise<void> };
}

/** setTimeout's longest delay; longer waits re-arm. */
const maxTimerDelay = 2 ** 31 - 1;

/**
 * Runs monitors on their `schedule:` in this process: cron expressions or fixed intervals, a
 * random jitter after each slot, the missed-run policy on start, and never two runs of one
 * monitor at once — a slot that comes while the monitor still runs is skipped with a warning,
 * and {@link trigger} goes through the same guard. (Across processes the store's
 * `monitor-<name>` lock guards.) Timers are plain `setTimeout`s against `clock`, so fake
 * timers drive it in tests.
 */
export class MonitorScheduler {
  readonly #entries = new Map<string, Entry>();
  readonly #options: MonitorSchedulerOptions;
  readonly #now: () => number;
  readonly #random: () => number;
  #state: 'new' | 'started' | 'stopped' = 'new';
  readonly #starting = new Set<Promise<void>>();

  constructor(options: MonitorSchedulerOptions) {
    this.#options = options;
    const clock = options.clock ?? Date;
    this.#now = () => clock.now();
    this.#random = options.random ?? Math.random;
    for (const monitor of options.monitors) {
      if (this.#entries.has(monitor.name)) throw new StateError('STATE_CONFLICT', `monitor "${monitor.name}" is scheduled twice`);
      const schedule = monitor.schedule === undefined ? undefined : monitorScheduleSchema.parse(monitor.schedule);
      this.#entries.set(monitor.name, {
        name: monitor.name,
        ...(schedule && { schedule, slots: scheduleSlots(schedule) }),
      });
    }
  }

  /**
   * Starts the timers. For each scheduled monitor it first asks `lastRunAt`: when the last run
   * is older than the previous slot (or there is none) and the policy is `run-once`, it runs the
   * monitor once (reason `missed`, after the jitter); then it waits for the next slot.
   */
  start(): void {
    if (this.#state !== 'new') throw new StateError('STATE_CONFLICT', `the scheduler is already ${this.#state}`);
    this.#state = 'started';
    for (const entry of this.#entries.values()) {
      if (!entry.slots) continue;
      const starting = this.#startEntry(entry).catch((error: unknown) => {
        this.#options.logger.error({ err: error, monitor: entry.name }, 'could not schedule the monitor');
      });
      this.#starting.add(starting);
      void starting.finally(() => this.#starting.delete(starting));
    }
  }

  /**
   * Runs `name` now (reason `manual`) unless it is already running.
   * @throws StateError when `name` is not a monitor of this scheduler, or the scheduler is stopped.
   */
  trigger(name: string): 'started' | 'already-running' {
    const entry = this.#entries.get(name);
    if (!entry) throw new StateError('STATE_CONFLICT', `unknown monitor "${name}" (known: ${[...this.#entries.keys()].join(', ')})`);
    if (this.#state === 'stopped') throw new StateError('STATE_CONFLICT', 'the scheduler is stopped; no new runs');
    return this.#launch(entry, this.#now(), 'manual') ? 'started' : 'already-running';
  }

  /** Every monitor's next run, whether it runs now and its last scheduled slot, in config order. */
  status(): MonitorScheduleStatus[] {
    return [...this.#entries.values()].map((entry) => ({
      name: entry.name,
      ...(entry.nextFireAt !== undefined && { nextRunAt: new Date(entry.nextFireAt).toISOString() }),
      running: entry.run !== undefined,
      ...(entry.lastScheduledAt !== undefined && { lastScheduledAt: new Date(entry.lastScheduledAt).toISOString() }),
    }));
  }

  /**
   * Stops taking work (timers cleared, {@link trigger} refused), waits up to `deadlineMs` for
   * running runs, then aborts those still running (unless `abortRunning: false`) and waits up
   * to `abortGraceMs` for them to settle. Resolves once done; a second call waits the same way.
   */
  async stop(options: StopOptions): Promise<void> {
    this.#state = 'stopped';
    for (const entry of this.#entries.values()) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.nextFireAt = undefined;
      entry.nextSlot = undefined;
    }
    await Promise.all(this.#starting);
    const running = () => [...this.#entries.values()].filter((e) => e.run !== undefined);
    if (running().length === 0) return;
    const settled = await waitAll(
      running().map((e) => e.run?.done as Promise<void>),
      options.deadlineMs,
    );
    if (settled) return;
    const late = running();
    if (options.abortRunning === false) {
      this.#options.logger.warn({ monitors: late.map((e) => e.name) }, 'runs still running at the stop deadline; left running');
      return;
    }
    this.#options.logger.warn({ monitors: late.map((e) => e.name) }, 'runs still running at the stop deadline; aborting them');
    for (const entry of late) entry.run?.controller.abort(new StateError('STATE_CONFLICT', 'the scheduler stopped'));
    const abortedSettled = await waitAll(
      late.map((e) => e.run?.done as Promise<void>),
      options.abortGraceMs ?? 1_000,
    );
    if (!abortedSettled)
      this.#options.logger.error({ monitors: running().map((e) => e.name) }, 'aborted runs did not settle; giving up on them');
  }

  async #startEntry(entry: Entry): Promise<void> {
    const schedule = entry.schedule as MonitorSchedule;
    const slots = entry.slots as ScheduleSlots;
    const now = this.#now();
    if (schedule.missed === 'run-once') {
      const previous = slots.previous(now);
      let last: Date | undefined;
      try {
        last = await this.#options.lastRunAt(entry.name);
      } catch (error) {
        this.#options.logger.warn({ err: error, monitor: entry.name }, 'could not read the last run; waiting for the next slot');
        this.#armNext(entry, this.#now());
        return;
      }
      if (this.#state !== 'started') return;
      if (previous !== undefined && (last === undefined || last.getTime() < previous)) {
        this.#options.logger.info(
          { monitor: entry.name, slot: new Date(previous).toISOString(), lastRunAt: last?.toISOString() ?? null },
          'a scheduled run was missed; running once now',
        );
        this.#arm(entry, previous, this.#now(), 'missed');
        return;
      }
    }
    this.#armNext(entry, now);
  }

  /** Arms the timer for the first slot after `after`. */
  #armNext(entry: Entry, after: number): void {
    const slot = entry.slots?.next(after);
    if (slot === undefined) {
      this.#options.logger.warn({ monitor: entry.name }, 'the schedule has no further slot');
      return;
    }
    this.#arm(entry, slot, slot, 'schedule');
  }

  /** Arms the timer to run `slot` at `base` plus the jitter. */
  #arm(entry: Entry, slot: number, base: number, reason: 'schedule' | 'missed'): void {
    if (this.#state !== 'started') return;
    const jitter = entry.schedule?.jitter ?? 0;
    const fireAt = base + (jitter > 0 ? Math.floor(this.#random() * jitter) : 0);
    entry.nextSlot = slot;
    entry.nextFireAt = fireAt;
    const wait = () => {
      const delay = fireAt - this.#now();
      if (delay > maxTimerDelay) {
        entry.timer = setTimeout(wait, maxTimerDelay);
        return;
      }
      entry.timer = setTimeout(() => this.#fire(entry, slot, reason), Math.max(0, delay));
    };
    wait();
  }

  #fire(entry: Entry, slot: number, reason: 'schedule' | 'missed'): void {
    entry.timer = undefined;
    if (this.#state !== 'started') return;
    if (!this.#launch(entry, slot, reason))
      this.#options.logger.warn(
        { monitor: entry.name, slot: new Date(slot).toISOString() },
        'skipped a scheduled run: the previous run is still running',
      );
    // The next slot after this one, or after now when the process fell behind (a suspended laptop).
    this.#armNext(entry, Math.max(slot, this.#now()));
  }

  /** Starts a run unless one is running; false when one is. */
  #launch(entry: Entry, scheduledAt: number, reason: RunReason): boolean {
    if (entry.run) return false;
    const controller = new AbortController();
    entry.lastScheduledAt = scheduledAt;
    const logger = this.#options.logger;
    logger.info({ monitor: entry.name, reason, scheduledAt: new Date(scheduledAt).toISOString() }, 'starting a run');
    // Started on a microtask, so `entry.run` is set before a runMonitor that throws at once can clear it.
    const done = Promise.resolve()
      .then(() => this.#options.runMonitor(entry.name, { signal: controller.signal, scheduledAt: new Date(scheduledAt), reason }))
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error, monitor: entry.name, reason }, 'the run failed'),
      )
      .finally(() => {
        entry.run = undefined;
      });
    entry.run = { controller, done };
    return true;
  }
}

/** True when every promise settled within `ms`, false at the deadline. */
async function waitAll(promises: readonly Promise<void>[], ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
