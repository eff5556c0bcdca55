import { type ErrorFamily, errorFamily, isDriftwatchError } from './isDriftwatchError.js';

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

const statusOfFamily: Readonly<Record<ErrorFamily, number>> = {
  input: exitStatus.badInput,
  usage: exitStatus.badInput,
  config: exitStatus.badInput,
  provider: exitStatus.provider,
  state: exitStatus.state,
  internal: exitStatus.failure,
};

/**
 * The exit status for an error thrown by a command, by the family of its `code`
 * ({@link isDriftwatchError}), so an error of another copy of `@driftwatch/core` maps the same.
 */
export function exitStatusFor(error: unknown): number {
  return isDriftwatchError(error) ? statusOfFamily[errorFamily(error.code)] : exitStatus.failure;
}
