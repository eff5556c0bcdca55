import { type Clock, type Logger, type ProviderContext, Redactor, systemClock } from '@driftwatch/core';
import { createLogger, logLevelFrom } from './createLogger.js';
import type { LifecycleManager } from './LifecycleManager.js';

/** What a caller gives of the providers' context; the composition root fills in the rest. */
export interface ProviderContextInit {
  readonly baseDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: pino on stderr at `DRIFTWATCH_LOG_LEVEL` (else `warn`), redacted by the config's redactor. */
  readonly logger?: Logger;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: the config's redactor, else one that knows the credential-like variables of `env`. */
  readonly redactor?: Redactor;
}

/**
 * The context every provider's own context derives from: the caller's paths and
 * environment, a logger, the lifecycle's abort signal, the redactor (the
 * config's, else one that knows the environment's credentials) and a clock. (The registry
 * adds each provider's child logger and the run store.) The lifecycle's deadline
 * is set here too: `deadlineMs`, else `DRIFTWATCH_LIFECYCLE_DEADLINE_MS`, else 5 s.
 */
export function baseProviderContext(
  init: ProviderContextInit,
  lifecycle: LifecycleManager,
  options: { readonly redactor?: Redactor; readonly deadlineMs?: number } = {},
): ProviderContext {
  const redactor = options.redactor ?? init.redactor ?? Redactor.fromEnv(init.env);
  const fromEnv = Number(init.env.DRIFTWATCH_LIFECYCLE_DEADLINE_MS);
  const deadlineMs = options.deadlineMs ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
  if (deadlineMs !== undefined) lifecycle.deadlineMs = deadlineMs;
  return {
    baseDir: init.baseDir,
    env: init.env,
    logger: init.logger ?? createLogger({ level: logLevelFrom(init.env), redactor }),
    signal: lifecycle.signal,
    redactor,
    clock: init.clock ?? systemClock,
  };
}
