import { type Logger, type PortName, ProviderError, type ProviderLifecycle } from '@driftwatch/core';

/** The lifecycle's default deadline for each call (start, flush, shutdown), in ms. */
export const defaultLifecycleDeadlineMs = 5000;

/** A provider the lifecycle tracks, and what names it in logs. */
interface Tracked {
  readonly provider: ProviderLifecycle;
  readonly port: PortName;
  readonly type: string;
  readonly configPath: string;
  readonly logger: Logger;
}

/** A lifecycle call that failed or outlived its deadline. */
export interface LifecycleFailure {
  readonly port: PortName;
  readonly type: string;
  readonly configPath: string;
  readonly phase: 'start' | 'flush' | 'shutdown';
  /** True when the call was abandoned at its deadline. */
  readonly timedOut: boolean;
  readonly error: unknown;
}

/** What {@link LifecycleManager.shutdown} did. */
export interface ShutdownReport {
  /** Providers flushed and shut down. */
  readonly providers: number;
  readonly failures: readonly LifecycleFailure[];
}

/**
 * The lifecycle of every provider the composition root creates (OpenTelemetry's
 * forceFlush/shutdown, STYLE 13): each is started once created, and at the end
 * flushed then shut down, one after the other in reverse creation order (the run
 * store, created first, goes last). Each call is bounded by `deadlineMs`; one that
 * fails or outlives it is logged on the provider's logger and collected, never
 * thrown from `shutdown`. It also owns the abort signal of the providers' context,
 * which the signal handlers abort.
 */
export class LifecycleManager {
  /** Deadline of each lifecycle call, in ms. */
  deadlineMs: number;
  /**
   * False for a composition that only checks (`driftwatch config validate`): providers are created,
   * so their factories' checks run, but none is started, so nothing is opened, connected or migrated.
   * A provider with a `start` is then not tracked either: by the lifecycle's contract it acquires
   * what its shutdown releases in `start`. Set before the first provider is created.
   */
  startsProviders: boolean;
  readonly #controller = new AbortController();
  readonly #tracked: Tracked[] = [];
  #shutdown: Promise<ShutdownReport> | undefined;

  constructor(options: { readonly deadlineMs?: number; readonly startsProviders?: boolean } = {}) {
    this.deadlineMs = options.deadlineMs ?? defaultLifecycleDeadlineMs;
    this.startsProviders = options.startsProviders ?? true;
  }

  /** Aborted by {@link abort} (SIGINT, SIGTERM): the `signal` of every provider's context. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Providers tracked so far. */
  get size(): number {
    return this.#tracked.length;
  }

  /** True once {@link shutdown} was called. */
  get stopping(): boolean {
    return this.#shutdown !== undefined;
  }

  /** Tells every provider to abandon long work; shutdown still follows. */
  abort(reason: unknown = new Error('driftwatch is stopping')): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /**
   * Tracks a newly created provider and starts it (unless {@link startsProviders} is false). A start that fails or outlives the deadline
   * throws a `ProviderError` (an error with a code is rethrown as is); the
   * provider stays tracked, so shutdown releases what it opened. A provider
   * created after shutdown began is shut down at once and the creation fails.
   */
  async track(provider: object, info: { port: PortName; type: string; configPath: string; logger: Logger }): Promise<void> {
    const tracked: Tracked = { provider: provider as ProviderLifecycle, ...info };
    if (this.#shutdown) {
      await this.#stop(tracked, []);
      throw new ProviderError(info.type, 'start', `created while driftwatch is stopping (${info.configPath})`);
    }
    const starts = typeof tracked.provider.start === 'function';
    if (starts && !this.startsProviders) return;
    this.#tracked.push(tracked);
    if (!starts) return;
    const outcome = await this.#call(tracked, 'start');
    if (outcome === undefined) return;
    const { error, timedOut } = outcome;
    if (!timedOut && typeof (error as { code?: unknown })?.code === 'string' && typeof (error as Error)?.message === 'string') throw error;
    throw new ProviderError(info.type, 'start', timedOut ? `did not start within ${this.deadlineMs} ms` : describe(error), {
      cause: error,
    });
  }

  /**
   * Stops tracking a provider whose owner ended its life itself (a data source
   * the run pipeline closed): shutdown will not call it. Unknown providers are ignored.
   */
  release(provider: object): void {
    const i = this.#tracked.findIndex((t) => t.provider === provider);
    if (i >= 0) this.#tracked.splice(i, 1);
  }

  /**
   * Flushes then shuts down every tracked provider, in reverse creation order,
   * each call bounded by the deadline. Idempotent: later calls return the first
   * call's report. Never rejects.
   */
  shutdown(): Promise<ShutdownReport> {
    this.#shutdown ??= (async () => {
      const failures: LifecycleFailure[] = [];
      const providers = [...this.#tracked].reverse();
      for (const tracked of providers) await this.#stop(tracked, failures);
      return { providers: providers.length, failures };
    })();
    return this.#shutdown;
  }

  async #stop(tracked: Tracked, failures: LifecycleFailure[]): Promise<void> {
    for (const phase of ['flush', 'shutdown'] as const) {
      if (typeof tracked.provider[phase] !== 'function') continue;
      const outcome = await this.#call(tracked, phase);
      if (outcome) failures.push({ port: tracked.port, type: tracked.type, configPath: tracked.configPath, phase, ...outcome });
    }
  }

  /** Runs one lifecycle call with the deadline; resolves with the failure, if any, after logging it. */
  async #call(tracked: Tracked, phase: 'start' | 'flush' | 'shutdown'): Promise<{ error: unknown; timedOut: boolean } | undefined> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.deadlineMs);
    });
    const started = Date.now();
    try {
      const call = Promise.resolve().then(() => tracked.provider[phase]!({ signal: controller.signal }));
      // A call abandoned at its deadline may still reject later: that is logged, not left unhandled.
      call.catch((error: unknown) => {
        if (controller.signal.aborted) log(tracked, 'warn', { err: error, phase }, `${phase} failed after its deadline`);
      });
      const result = await Promise.race([call.then(() => 'done' as const), deadline]);
      if (result === 'timeout') {
        const error = new Error(`${tracked.type} ${phase} did not finish within ${this.deadlineMs} ms; abandoned`);
        controller.abort(error);
        log(tracked, 'error', { phase, deadlineMs: this.deadlineMs }, error.message);
        return { error, timedOut: true };
      }
      log(tracked, 'debug', { phase, ms: Date.now() - started }, `${phase} done`);
      return undefined;
    } catch (error) {
      log(tracked, 'error', { err: error, phase }, `${phase} failed: ${describe(error)}`);
      return { error, timedOut: false };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Logs on the provider's logger; a logger that throws cannot break a shutdown. */
function log(tracked: Tracked, level: 'debug' | 'warn' | 'error', fields: object, message: string): void {
  try {
    tracked.logger[level](fields, message);
  } catch {
    // Nothing better to do: the failure is in the report anyway.
  }
}

function describe(error: unknown): string {
  if (typeof (error as Error)?.message === 'string') return (error as Error).message;
  return String(error);
}
