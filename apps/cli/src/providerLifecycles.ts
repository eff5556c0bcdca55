import type { Redactor } from '@driftwatch/core';
import type { LifecycleManager, ProviderContextInit, ShutdownReport } from '@driftwatch/runtime';
// The lifecycle entry alone: `run` installs the signal handlers at start-up, before a command loads the runtime (if it does).
import { createLogger, logLevelFrom, shutdownOnSignals } from '@driftwatch/runtime/lifecycle';
import { processRedactor } from './output/processRedactor.js';

// The lifecycles of the providers this process created (one per container a command composed).
const active = new Set<LifecycleManager>();
let verbose = false;

/** Called by `run` with the command line: `--verbose` lowers the providers' log level to debug. */
export function setVerboseLogging(on: boolean): void {
  verbose = on;
}

/**
 * The context a command gives the composition root: its folder and environment,
 * and a logger at the CLI's level (`DRIFTWATCH_LOG_LEVEL`, else debug with
 * `--verbose`, else warn) and the process's redactor (which a loaded config has taught its secrets).
 */
export function cliProviderContext(
  baseDir: string,
  env: ProviderContextInit['env'],
  redactor: Redactor = processRedactor(),
): ProviderContextInit {
  return { baseDir, env, redactor, logger: createLogger({ level: logLevelFrom(env, verbose), redactor }) };
}

/** Makes the command's end (or a signal) flush and shut down the providers of `lifecycle`. */
export function adoptLifecycle(lifecycle: LifecycleManager): void {
  active.add(lifecycle);
}

/** Flushes and shuts down every adopted lifecycle's providers (each call within its deadline); never rejects. */
export async function shutdownProviders(): Promise<ShutdownReport[]> {
  const all = [...active];
  active.clear();
  const reports: ShutdownReport[] = [];
  for (const lifecycle of all) reports.push(await lifecycle.shutdown());
  return reports;
}

let uninstallSignals: (() => void) | undefined;

/** SIGINT and SIGTERM abort, flush and shut down the adopted lifecycles, then exit 130 or 143; returns the uninstaller. */
export function installSignalHandlers(): () => void {
  const uninstall = shutdownOnSignals(() => active);
  uninstallSignals = uninstall;
  return uninstall;
}

/**
 * Removes the handlers of {@link installSignalHandlers}: for a command that stops gracefully on
 * its own (`serve` closes its listener and waits for its runs before the providers are flushed).
 */
export function takeOverSignals(): void {
  uninstallSignals?.();
  uninstallSignals = undefined;
}
