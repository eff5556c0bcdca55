import type { ReplayResult } from './StreamingDetector.js';

/**
 * Values a detector's `replay` hands its inner loop per call. Each call then returns soon, so V8
 * optimizes the loop as a whole function, after it has seen the code after the loop run. A first
 * call that ran a whole block would be compiled on the stack, mid-loop, and the code after the
 * loop, never run by then, would be deoptimized at the end of every block. One call per 1024
 * values costs nothing measurable.
 */
export const feedChunk = 1024;

/**
 * The `replay` of a detector that takes finite values and feeds them a chunk at a time (ADWIN,
 * Page-Hinkley): until `to` or the first value that is not finite, resets after a drift as `update`
 * does, feeds through `feed` (the detector's inner loop, which stops after a drift) and records each
 * drift's position. Returns the index of the next value, as `replay` does.
 */
export function replayFinite(
  detector: { readonly driftDetected: boolean; reset(): void },
  feed: (values: Float64Array, from: number, to: number) => number,
  values: Float64Array,
  from: number,
  to: number,
  offset: number,
  into: ReplayResult,
): number {
  let i = from;
  while (i < to) {
    const x = values[i] as number;
    if (!(x - x === 0)) break;
    if (detector.driftDetected) detector.reset();
    i = feed(values, i, Math.min(to, i + feedChunk));
    if (detector.driftDetected) into.drifts.push(offset + i - 1);
  }
  return i;
}
