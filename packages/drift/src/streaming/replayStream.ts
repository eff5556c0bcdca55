import { InputError, isInputError } from '@driftwatch/core';
import type { StreamingDetector } from './StreamingDetector.js';

/** Indices flagged by {@link replayStream}. */
export interface ReplayResult {
  /** 0-based positions of the values whose update raised a drift. */
  drifts: number[];
  /** 0-based positions of the values whose update left the detector in the warning zone. */
  warnings: number[];
}

/**
 * Feeds `values` to `detector` in order and collects, after each update, the
 * positions where `driftDetected` / `warningDetected` hold. The detector keeps
 * its state (replaying continues where it stopped).
 *
 * Values are not skipped: a NaN (missing) or otherwise invalid value stops the
 * replay with `InputError` (`INPUT_INVALID_VALUE`) naming its index, since
 * skipping would shift every later index; drop missing values first if that
 * is what you mean.
 */
export function replayStream(detector: StreamingDetector, values: Float64Array): ReplayResult {
  const drifts: number[] = [];
  const warnings: number[] = [];
  for (let i = 0; i < values.length; i++) {
    try {
      detector.updateFrom(values, i);
    } catch (e) {
      if (isInputError(e)) throw new InputError(e.code, `values[${i}]: ${e.message}`, { cause: e });
      throw e;
    }
    if (detector.driftDetected) drifts.push(i);
    if (detector.warningDetected) warnings.push(i);
  }
  return { drifts, warnings };
}
