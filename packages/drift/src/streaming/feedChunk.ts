/**
 * Values a detector's `replay` hands its inner loop per call. Each call then returns soon, so V8
 * optimizes the loop as a whole function, after it has seen the code after the loop run. A first
 * call that ran a whole block would be compiled on the stack, mid-loop, and the code after the
 * loop, never run by then, would be deoptimized at the end of every block. One call per 1024
 * values costs nothing measurable.
 */
export const feedChunk = 1024;
