/**
 * Machine-readable error codes. The prefix names the family (`INPUT_`, `USAGE`, `CONFIG_`,
 * `PROVIDER_`, `STATE_`, `INTERNAL`), which the CLI maps to an exit status (see `errorFamily`).
 */
export const errorCodes = [
  'INPUT_NOT_FOUND',
  'INPUT_UNREADABLE',
  'INPUT_EMPTY',
  'INPUT_NO_ROWS',
  'INPUT_FIELD_COUNT',
  'INPUT_UNCLOSED_QUOTE',
  'INPUT_NOT_UTF8',
  'INPUT_INVALID_VALUE',
  'INPUT_BAD_JSON',
  'INPUT_BAD_PARQUET',
  'INPUT_COLUMNS_MISMATCH',
  'INPUT_UNKNOWN_COLUMN',
  'INPUT_BAD_SCHEMA',
  'INPUT_TOO_MANY_CATEGORIES',
  'INPUT_LINE_ENDINGS',
  'INPUT_BAD_QUOTE',
  'USAGE',
  'CONFIG_INVALID',
  'CONFIG_PLUGIN',
  'PROVIDER_FAILED',
  'STATE_CONFLICT',
  'STATE_CORRUPT',
  'INTERNAL',
] as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];

/** Where in a file an input error was found (1-based). */
export interface InputLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The column name, for value errors. */
  readonly field?: string;
}

/** Marks the prototypes of every copy of {@link DriftwatchError}, whichever copy of this package made them. */
const errorBrand = Symbol.for('driftwatch.DriftwatchError');

/**
 * Base of every error Driftwatch raises on purpose.
 *
 * `instanceof` holds across copies of `@driftwatch/core`: the bundled CLI carries its own copy, and
 * a plugin loaded with `import()` imports the package's; an error of one copy's `ConfigError` is an
 * instance of the other copy's `ConfigError` (and `DriftwatchError`). The classes are matched by
 * name along the prototype chain of a branded error, so keep the names (no identifier mangling).
 */
export class DriftwatchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof`, a subclass included
    return instanceAcrossCopies(this, value);
  }
}

function instanceAcrossCopies(target: abstract new (...args: never[]) => unknown, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(target, value)) return true;
  if (typeof value !== 'object' || value === null || !(errorBrand in value)) return false;
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const maker: unknown = Object.hasOwn(proto, 'constructor') ? proto.constructor : undefined;
    if (typeof maker === 'function' && maker.name === target.name && errorBrand in maker.prototype) return true;
  }
  return false;
}
Object.defineProperty(DriftwatchError.prototype, errorBrand, { value: true });

/** The data given cannot be used: missing file, malformed CSV, mismatched columns… */
export class InputError extends DriftwatchError {
  readonly location?: InputLocation;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; location?: InputLocation }) {
    super(code, message, options);
    this.location = options?.location;
  }
}

/** The command line was used wrongly. */
export class UsageError extends DriftwatchError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, options);
  }
}

/** The configuration is invalid; `issues` lists every problem with its path. */
export class ConfigError extends DriftwatchError {
  /** Each problem at its config path; `line` and `column` (1-based) where the config file holds that path. */
  readonly issues: readonly { readonly path: string; readonly message: string; readonly line?: number; readonly column?: number }[];

  constructor(
    message: string,
    options?: {
      cause?: unknown;
      issues?: readonly { path: string; message: string; line?: number; column?: number }[];
      code?: 'CONFIG_INVALID' | 'CONFIG_PLUGIN';
    },
  ) {
    super(options?.code ?? 'CONFIG_INVALID', message, options);
    this.issues = options?.issues ?? [];
  }
}

/** A provider (cloud API, file sink, command) failed; names the provider and operation. */
export class ProviderError extends DriftwatchError {
  readonly provider: string;
  readonly operation: string;
  /** The config path of the provider that failed (`sinks[1]`), when a config made it. */
  readonly configPath?: string;

  constructor(provider: string, operation: string, message: string, options?: { cause?: unknown; configPath?: string }) {
    super('PROVIDER_FAILED', `${provider} ${operation}: ${message}`, options);
    this.provider = provider;
    this.operation = operation;
    this.configPath = options?.configPath;
  }
}

/** Persisted state is inconsistent or locked by another run. */
export class StateError extends DriftwatchError {
  constructor(code: 'STATE_CONFLICT' | 'STATE_CORRUPT', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
