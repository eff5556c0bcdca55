import type { RunStore } from '../ports/RunStore.js';
import type { Redactor } from '../secrets/Redactor.js';
import type { Clock } from './Clock.js';
import type { Logger } from './Logger.js';

/**
 * What a provider's factory gets besides its options: everything it would
 * otherwise re-derive (paths, environment, logging, cancellation, time, the store).
 */
export interface ProviderContext {
  /** Directory relative paths in options resolve against (the config file's folder or the cwd). */
  readonly baseDir: string;
  /** Environment variables, for defaults resolved as explicit option → env → constant. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The provider's own logger: JSON lines on stderr with `provider` (its type) and
   * `configPath` bound, secrets redacted. Use it rather than `console` (stdout carries
   * the command's output).
   */
  readonly logger: Logger;
  /**
   * Aborted when the process is asked to stop (SIGINT, SIGTERM): abandon long work
   * (polls, retries, uploads) and return. Lifecycle calls get their own deadline signal.
   */
  readonly signal: AbortSignal;
  /**
   * The process's one redactor: it knows every configured secret and the values of
   * credential-like environment variables, and recognises credentials by their shape.
   * Pass through it every string the provider writes, sends or returns that could
   * echo one (a command's log, an error body, a payload); a provider that meets a
   * secret of its own (a token it fetched) can `add` it.
   */
  readonly redactor: Redactor;
  /** Time: read it and sleep with it, so tests can drive it. */
  readonly clock: Clock;
  /**
   * The run store the config resolved, when there is one. It is created before every
   * other provider, so they all see it; the run store itself (and providers of commands
   * without a config) get `undefined`.
   */
  readonly store?: RunStore;
  /**
   * The name of the monitor a provider of a monitor's section (its sources, its own sinks)
   * belongs to; `undefined` for top-level providers.
   */
  readonly monitor?: string;
}
