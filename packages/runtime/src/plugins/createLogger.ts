import { createRequire } from 'node:module';
import { type LogFn, type Logger, Redactor, UsageError } from '@driftwatch/core';
import type { Logger as PinoLogger } from 'pino';

/** Levels of the providers' logger, lowest first; `silent` logs nothing. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written; default `warn` (so a command's stderr stays quiet unless something is wrong). */
  readonly level?: LogLevel;
  /** Removes secrets from every line; default one that knows only secret-looking keys. */
  readonly redactor?: Redactor;
  /** Where lines go; default stderr (stdout carries the command's output). */
  readonly destination?: { write(line: string): unknown };
}

/**
 * The logger providers get in their context: pino, one JSON object per line on
 * stderr, ISO times, `name: driftwatch`. Each line is passed through the
 * config's {@link Redactor} after serialisation, so a secret is replaced
 * wherever it appears — message, fields, an error's message or stack, a child
 * logger's bindings — and values under secret-looking keys are `***`. Pino is
 * loaded on the first line at an enabled level: a quiet command never loads it
 * (~20 ms and ~9 MB of start-up).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'warn';
  let root: PinoLogger | undefined;
  const rootLogger = () => {
    if (root) return root;
    const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino');
    const redactor = options.redactor ?? new Redactor();
    const out = options.destination ?? process.stderr;
    root = pino(
      { name: 'driftwatch', level, timestamp: pino.stdTimeFunctions.isoTime },
      {
        write(line: string) {
          out.write(redactLine(line, redactor));
        },
      },
    );
    return root;
  };
  return new LazyLogger(rootLogger, [], levelValues[level]);
}

const levelValues: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/** A pino logger made (with its children's bindings) on its first line at an enabled level. */
class LazyLogger implements Logger {
  readonly trace: LogFn;
  readonly debug: LogFn;
  readonly info: LogFn;
  readonly warn: LogFn;
  readonly error: LogFn;
  readonly fatal: LogFn;
  readonly #root: () => PinoLogger;
  readonly #bindings: readonly Record<string, unknown>[];
  readonly #min: number;
  #logger: PinoLogger | undefined;

  constructor(root: () => PinoLogger, bindings: readonly Record<string, unknown>[], min: number) {
    this.#root = root;
    this.#bindings = bindings;
    this.#min = min;
    const at =
      (name: Exclude<LogLevel, 'silent'>): LogFn =>
      (first: string | object, message?: string) => {
        if (levelValues[name] < this.#min) return;
        this.#logger ??= this.#bindings.reduce<PinoLogger>((l, b) => l.child(b), this.#root());
        if (typeof first === 'string') this.#logger[name](first);
        else this.#logger[name](first, message);
      };
    this.trace = at('trace');
    this.debug = at('debug');
    this.info = at('info');
    this.warn = at('warn');
    this.error = at('error');
    this.fatal = at('fatal');
  }

  child(bindings: Record<string, unknown>): Logger {
    return new LazyLogger(this.#root, [...this.#bindings, bindings], this.#min);
  }
}

/** The level named by `--verbose` (debug) or `DRIFTWATCH_LOG_LEVEL`, else `warn`; an unknown name is an error naming the known ones. */
export function logLevelFrom(env: Readonly<Record<string, string | undefined>>, verbose = false): LogLevel {
  const named = env.DRIFTWATCH_LOG_LEVEL?.trim().toLowerCase();
  if (named) {
    if (!(logLevels as readonly string[]).includes(named)) {
      throw new UsageError(`DRIFTWATCH_LOG_LEVEL="${env.DRIFTWATCH_LOG_LEVEL}" is not a level (known: ${logLevels.join(', ')})`);
    }
    return named as LogLevel;
  }
  return verbose ? 'debug' : 'warn';
}

function redactLine(line: string, redactor: Redactor): string {
  try {
    return `${JSON.stringify(redactor.value(JSON.parse(line)))}\n`;
  } catch {
    // Not JSON (pino always writes JSON; this is a guard): redact as text.
    return redactor.text(line);
  }
}
