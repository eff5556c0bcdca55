import { InputError } from '@driftwatch/core';

/**
 * Throws `InputError` (`INPUT_INVALID_VALUE`) for a value a detector cannot
 * take. Detectors call it first in `update`, before touching any state.
 * Missing values are not skipped: a detector's indices must match the
 * stream's, so the caller decides (drop them, or stop; see `replayStream`).
 */
export function invalidValue(detector: string, x: number, expected: string): never {
  throw new InputError('INPUT_INVALID_VALUE', `${detector}: value must be ${expected}, got ${x}`);
}
