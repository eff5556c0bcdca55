import { ConfigError, DriftwatchError, InputError, ProviderError, StateError, UsageError } from './DriftwatchError.js';

/**
 * Exit statuses of the `driftwatch` command.
 * 0 done; 1 drift found with `--fail-on-drift`; 2 bad input, usage or config;
 * 3 any other failure; 4 a provider failed; 5 persisted state conflict or corruption.
 */
export const exitStatus = {
  ok: 0,
  drift: 1,
  badInput: 2,
  failure: 3,
  provider: 4,
  state: 5,
} as const;

/** The exit status for an error thrown by a command. */
export function exitStatusFor(error: unknown): number {
  if (error instanceof InputError || error instanceof UsageError || error instanceof ConfigError) return exitStatus.badInput;
  if (error instanceof ProviderError) return exitStatus.provider;
  if (error instanceof StateError) return exitStatus.state;
  if (error instanceof DriftwatchError && error.code.startsWith('INPUT_')) return exitStatus.badInput;
  return exitStatus.failure;
}
