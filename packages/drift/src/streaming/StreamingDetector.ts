/**
 * A streaming drift detector: fed one value at a time, it tells after each
 * update whether that value raised a drift (and, for detectors that have one,
 * a warning). The contract follows river's `DriftDetector` (0.19+): the flags
 * describe the last `update` only, and a detector that flagged a drift resets
 * its state at the start of the next `update`, as river does.
 *
 * Implementations hold their state in numbers and preallocated typed arrays:
 * `update` allocates nothing, so a detector can watch millions of values.
 */
export interface StreamingDetector {
  /**
   * Feed one value. Throws `InputError` (code `INPUT_INVALID_VALUE`) for a
   * non-finite value or, for the binary detectors, a value outside their
   * domain; the state is left as it was before the call.
   */
  update(x: number): void;
  /**
   * Same as `update(values[index])`, for callers that hold the stream in a
   * typed array: the value is read inside the detector, so no double crosses
   * a call boundary (V8 boxes a non-integer double passed to a function it
   * does not inline, a 16-byte allocation per call).
   */
  updateFrom(values: Float64Array, index: number): void;
  /**
   * Optional fast path of `replayBlock`: feeds `values[from]`, `values[from + 1]`, … in order,
   * exactly as that many `updateFrom` calls would, and appends to `into` the positions
   * `offset + i` of the updates that raise a drift or end in the warning zone, as `replayBlock`
   * does. Returns `to`, or the index of the first value `updateFrom` would reject: that value is
   * not fed (the state is as after the value before it), and `updateFrom` on it throws the error.
   * One call runs a whole block in the detector's own loop, with no call and no flag read per value.
   */
  replay?(values: Float64Array, from: number, to: number, offset: number, into: ReplayResult): number;
  /** Whether the last `update` detected a drift. */
  readonly driftDetected: boolean;
  /** Whether the last `update` is in the warning zone; always false for detectors without warnings. */
  readonly warningDetected: boolean;
  /** Forget everything seen so far (as a freshly constructed detector with the same parameters). */
  reset(): void;
}

/** Indices flagged by `replayStream` (and a detector's `replay`). */
export interface ReplayResult {
  /** 0-based positions of the values whose update raised a drift. */
  drifts: number[];
  /** 0-based positions of the values whose update left the detector in the warning zone. */
  warnings: number[];
}
