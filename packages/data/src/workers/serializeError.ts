import { ConfigError, DriftwatchError, type ErrorCode, InputError, type InputLocation, StateError, UsageError } from '@driftwatch/core';

/** An error as it crosses a worker boundary (structured clone keeps no class). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: ErrorCode;
  readonly location?: InputLocation;
}

/** Flattens an error to plain data; {@link reviveError} rebuilds it. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = error instanceof DriftwatchError ? error.code : undefined;
  const location = error instanceof InputError && error.location ? { ...error.location } : undefined;
  return { name: error.name, message: error.message, stack: error.stack, code, location };
}

/**
 * Rebuilds an error from {@link serializeError}: the same Driftwatch class,
 * code, message and location, and the worker's stack.
 */
export function reviveError(data: SerializedError): Error {
  let error: Error;
  switch (data.name) {
    case 'InputError':
      error = new InputError(data.code ?? 'INTERNAL', data.message, { location: data.location });
      break;
    case 'UsageError':
      error = new UsageError(data.message);
      break;
    case 'ConfigError':
      error = new ConfigError(data.message);
      break;
    case 'StateError':
      error = new StateError(data.code === 'STATE_CONFLICT' ? 'STATE_CONFLICT' : 'STATE_CORRUPT', data.message);
      break;
    case 'ProviderError':
    case 'DriftwatchError':
      error = new DriftwatchError(data.code ?? 'INTERNAL', data.message);
      break;
    default:
      error = new Error(data.message);
      if (data.name !== 'Error') error.name = data.name;
  }
  if (data.stack) error.stack = data.stack;
  return error;
}
