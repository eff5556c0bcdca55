import { InputError, isInputError } from '@driftwatch/core';
import type { ReplayResult, StreamingDetector } from './StreamingDetector.js';

export type { ReplayResult } from './StreamingDetector.js';

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
  const result: ReplayResult = { drifts: [], warnings: [] };
  replayBlock(detector, values, values.length, 0, result);
  return result;
}

/**
 * {@link replayStream} of one block of a longer stream: feeds `values[0, count)`, which are the
 * stream's positions `offset …`, and appends the flagged positions to `into`. Replaying a stream
 * block by block gives what one {@link replayStream} of the whole gives; an invalid value's
 * `InputError` names its position in the stream (`values[offset + i]`). A detector with
 * `replay` runs the block in its own loop.
 */
export function replayBlock(detector: StreamingDetector, values: Float64Array, count: number, offset: number, into: ReplayResult): void {
  const { drifts, warnings } = into;
  let i = 0;
  while (i < count) {
    if (detector.replay !== undefined) {
      i = detector.replay(values, i, count, offset, into);
      if (i === count) break;
    }
    // A detector without `replay`, or a value it rejects (updateFrom throws its error).
    updateAt(detector, values, i, offset);
    if (detector.driftDetected) drifts.push(offset + i);
    if (detector.warningDetected) warnings.push(offset + i);
    i++;
  }
}

/** `detector.updateFrom(values, i)`, an `InputError` restated with the value's position in the stream. */
function updateAt(detector: StreamingDetector, values: Float64Array, i: number, offset: number): void {
  try {
    detector.updateFrom(values, i);
  } catch (e) {
    if (isInputError(e)) throw new InputError(e.code, `values[${offset + i}]: ${e.message}`, { cause: e });
    throw e;
  }
}
