import {
  type ConfigError,
  type DriftwatchError,
  type ErrorCode,
  errorCodes,
  type InputError,
  type ProviderError,
  type StateError,
  type UsageError,
} from './DriftwatchError.js';

/** The family of an {@link ErrorCode}: what went wrong, and so which exit status the CLI gives. */
export type ErrorFamily = 'input' | 'usage' | 'config' | 'provider' | 'state' | 'internal';

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/** The family of a code, by its prefix: `INPUT_…` input, `USAGE`, `CONFIG_…`, `PROVIDER_…`, `STATE_…`, else internal. */
export function errorFamily(code: ErrorCode): ErrorFamily {
  if (code.startsWith('INPUT_')) return 'input';
  if (code === 'USAGE') return 'usage';
  if (code.startsWith('CONFIG_')) return 'config';
  if (code.startsWith('PROVIDER_')) return 'provider';
  if (code.startsWith('STATE_')) return 'state';
  return 'internal';
}

/**
 * True for an error Driftwatch raised on purpose: an object with a string `message` and a `code`
 * that is one of {@link errorCodes}. Decided by the code, never by `instanceof`: a plugin that
 * bundles its own copy of `@driftwatch/core` throws errors of another `DriftwatchError` class, and
 * they must be classified the same. (A Node system error's `code`, such as `ENOENT`, is not ours.)
 */
export function isDriftwatchError(error: unknown): error is DriftwatchError {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && knownCodes.has(code) && typeof message === 'string';
}

function inFamily(error: unknown, family: ErrorFamily): boolean {
  return isDriftwatchError(error) && errorFamily(error.code) === family;
}

/** An input error by its code (`INPUT_…`): missing file, malformed data, mismatched columns. */
export function isInputError(error: unknown): error is InputError {
  return inFamily(error, 'input');
}

/** A usage error by its code (`USAGE`). */
export function isUsageError(error: unknown): error is UsageError {
  return inFamily(error, 'usage');
}

/** A config error by its code (`CONFIG_…`). */
export function isConfigError(error: unknown): error is ConfigError {
  return inFamily(error, 'config');
}

/** A provider error by its code (`PROVIDER_…`). */
export function isProviderError(error: unknown): error is ProviderError {
  return inFamily(error, 'provider');
}

/** A state error by its code (`STATE_…`). */
export function isStateError(error: unknown): error is StateError {
  return inFamily(error, 'state');
}
