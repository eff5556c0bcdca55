/** One logging method: a message, or an object of fields and a message (pino's call shapes). */
export interface LogFn {
  (message: string): void;
  (fields: object, message?: string): void;
}

/**
 * A structured logger, as a provider gets it in its context: the runtime's is
 * pino (JSON lines on stderr, secrets redacted), with the provider's `type`
 * and config path bound. Log an error as `{ err }` so its stack and cause are
 * kept. Any pino logger satisfies this interface.
 */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** A logger whose lines all carry `bindings` as fields. */
  child(bindings: Record<string, unknown>): Logger;
}
