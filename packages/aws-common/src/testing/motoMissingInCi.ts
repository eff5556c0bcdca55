import type { MotoAvailability } from './motoAvailability.js';

/**
 * The reason moto is missing when it must not be (CI set), else undefined. A
 * test file adds a test that fails with it, so CI counts a failed test rather
 * than only a failed hook.
 */
export function motoMissingInCi(availability: MotoAvailability): string | undefined {
  if (availability.available || !process.env.CI) return undefined;
  return `moto is required when CI is set: ${availability.reason}`;
}
