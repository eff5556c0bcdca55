import type { MotoAvailability } from './motoAvailability.js';

/**
 * True when tests that need moto must be skipped: moto is missing and this is
 * not CI. In CI (`CI` set) a missing moto is never skipped: the test's
 * `startMotoServer` then fails with the reason.
 */
export function skipWithoutMoto(availability: MotoAvailability): boolean {
  if (availability.available || process.env.CI) return false;
  console.warn(`skipping moto integration tests: ${availability.reason}`);
  return true;
}
