/**
 * The `./lifecycle` entry: what a process needs before any provider exists (its logger and its
 * SIGINT/SIGTERM handling), without the rest of the runtime (config, container, use cases), so the
 * CLI can install its handlers at start-up and load the runtime only for a command that uses it.
 */
export type { LoggerOptions, LogLevel } from './plugins/createLogger.js';
export { createLogger, logLevelFrom, logLevels } from './plugins/createLogger.js';
export type { SignalOptions, StopSignal } from './plugins/shutdownOnSignals.js';
export { shutdownOnSignals, signalExitStatus } from './plugins/shutdownOnSignals.js';
