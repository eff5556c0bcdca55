import type { LifecycleManager } from './LifecycleManager.js';

/** Exit statuses after a signal, as shells report them (128 + the signal's number). */
export const signalExitStatus = { SIGINT: 130, SIGTERM: 143 } as const;

/** The signals {@link shutdownOnSignals} handles. */
export type StopSignal = keyof typeof signalExitStatus;

/** Options of {@link shutdownOnSignals}. */
export interface SignalOptions {
  /** Ends the process; default `process.exit`. */
  readonly exit?: (status: number) => void;
  /** Where a line goes when a signal arrives; default stderr. */
  readonly notice?: (line: string) => void;
  /** The process whose signals are handled; default `process`. */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * Installs SIGINT and SIGTERM handlers: the first signal aborts every
 * lifecycle's signal (providers abandon long work), flushes and shuts their
 * providers down (each call within its deadline), then exits with 130 or 143.
 * A second signal exits at once. Returns a function that removes the handlers.
 * `lifecycles` is read when the signal arrives, so lifecycles created later
 * are included.
 */
export function shutdownOnSignals(
  lifecycles: LifecycleManager | (() => Iterable<LifecycleManager>),
  options: SignalOptions = {},
): () => void {
  const exit = options.exit ?? ((status: number) => process.exit(status));
  const notice = options.notice ?? ((line: string) => process.stderr.write(line));
  const target = options.target ?? process;
  let stopping = false;
  const handlers = (Object.keys(signalExitStatus) as StopSignal[]).map((signal) => {
    const handler = () => {
      const status = signalExitStatus[signal];
      if (stopping) {
        exit(status);
        return;
      }
      stopping = true;
      notice(`driftwatch: ${signal}: flushing and shutting down providers (again to exit at once)\n`);
      const all = typeof lifecycles === 'function' ? [...lifecycles()] : [lifecycles];
      for (const lifecycle of all) lifecycle.abort(new Error(`driftwatch received ${signal}`));
      void (async () => {
        for (const lifecycle of all) await lifecycle.shutdown();
        exit(status);
      })();
    };
    target.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) target.off(signal, handler);
  };
}
