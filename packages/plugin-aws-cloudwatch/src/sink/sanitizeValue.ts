import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';

/** What became of a value on its way to CloudWatch. */
export type SanitizedValue =
  | { readonly status: 'ok' | 'clamped'; readonly value: number }
  /** NaN: never publishable. */
  | { readonly status: 'nonFinite' }
  /** Beyond CloudWatch's range (or ±Infinity) with `outOfRange: drop`. */
  | { readonly status: 'outOfRange' };

/**
 * Fits a value into what CloudWatch accepts: magnitudes in [2^-360, 2^360]
 * or zero; NaN and ±Infinity are rejected by the service and would fail the
 * whole request. NaN is always dropped. With `clamp`, ±Infinity and larger
 * magnitudes become ±2^360 and non-zero magnitudes below 2^-360 become 0;
 * with `drop` they are dropped.
 */
export function sanitizeValue(value: number, outOfRange: 'clamp' | 'drop'): SanitizedValue {
  if (Number.isNaN(value)) return { status: 'nonFinite' };
  const magnitude = Math.abs(value);
  if (magnitude > cloudWatchLimits.maxMagnitude) {
    return outOfRange === 'clamp'
      ? { status: 'clamped', value: Math.sign(value) * cloudWatchLimits.maxMagnitude }
      : { status: 'outOfRange' };
  }
  if (magnitude !== 0 && magnitude < cloudWatchLimits.minMagnitude) {
    return outOfRange === 'clamp' ? { status: 'clamped', value: 0 } : { status: 'outOfRange' };
  }
  // -0 serialises as 0 anyway; normalise so equal inputs give equal bodies.
  return { status: 'ok', value: value === 0 ? 0 : value };
}
