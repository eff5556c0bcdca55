/** What the runtime passes to each lifecycle call. */
export interface LifecycleCallOptions {
  /**
   * Aborted when the call's deadline passes (5 s by default): stop waiting on
   * the network or disk and return. The runtime abandons the call then anyway.
   */
  readonly signal: AbortSignal;
}

/**
 * The lifecycle every provider may implement, whatever its port (as
 * OpenTelemetry exporters have `forceFlush` and `shutdown`). The runtime calls
 * `start` once after creating the provider, and when the command ends (or on
 * SIGINT/SIGTERM) `flush` then `shutdown`, provider by provider in reverse
 * creation order, each bounded by a deadline. Each method must be idempotent;
 * the runtime calls `shutdown` at most once, but a provider used outside it
 * (a test, a script) may be shut down twice.
 */
export interface ProviderLifecycle {
  /** Opens what the provider needs (connections, files, remote resources). A failure fails the command (exit 4). */
  start?(options: LifecycleCallOptions): void | Promise<void>;
  /** Sends or writes what is pending; afterwards it is durable. */
  flush?(options: LifecycleCallOptions): void | Promise<void>;
  /** Flushes and releases everything (sockets, clients, file handles, timers); the provider is not used afterwards. */
  shutdown?(options: LifecycleCallOptions): void | Promise<void>;
}
