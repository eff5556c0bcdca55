import { type Logger, UsageError } from '@driftwatch/core';
import { pino } from 'pino';
import { Redactor } from '../config/Redactor.js';

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
 * logger's bindings — and values under secret-looking keys are `***`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redactor = options.redactor ?? new Redactor();
  const out = options.destination ?? process.stderr;
  return pino(
    { name: 'driftwatch', level: options.level ?? 'warn', timestamp: pino.stdTimeFunctions.isoTime },
    {
      write(line: string) {
        out.write(redactLine(line, redactor));
      },
    },
  );
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
