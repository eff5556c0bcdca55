import type { LogFn, Logger } from '../plugin/Logger.js';

/** A level of {@link Logger}, lowest first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One line an {@link InMemoryLogger} kept: its level, message, and fields (bindings of child loggers included). */
export interface LogEntry {
  readonly level: LogLevel;
  readonly msg: string | undefined;
  readonly fields: Readonly<Record<string, unknown>>;
}

const levels: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * A {@link Logger} that keeps every line in memory, shared with its children:
 * what a test asserts a provider logged (or did not).
 */
export class InMemoryLogger implements Logger {
  /** Every line logged by this logger and its children, in order. */
  readonly entries: LogEntry[];
  readonly #bindings: Readonly<Record<string, unknown>>;
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;

  constructor(bindings: Readonly<Record<string, unknown>> = {}, entries: LogEntry[] = []) {
    this.entries = entries;
    this.#bindings = bindings;
    const at =
      (level: LogLevel): LogFn =>
      (first: string | object, message?: string) => {
        const fields = typeof first === 'string' ? { ...this.#bindings } : { ...this.#bindings, ...first };
        this.entries.push({ level, msg: typeof first === 'string' ? first : message, fields });
      };
    [this.trace, this.debug, this.info, this.warn, this.error, this.fatal] = levels.map(at) as [LogFn, LogFn, LogFn, LogFn, LogFn, LogFn];
  }

  child(bindings: Record<string, unknown>): InMemoryLogger {
    return new InMemoryLogger({ ...this.#bindings, ...bindings }, this.entries);
  }

  /** The lines at `level` or above. */
  atLeast(level: LogLevel): LogEntry[] {
    const min = levels.indexOf(level);
    return this.entries.filter((e) => levels.indexOf(e.level) >= min);
  }
}
