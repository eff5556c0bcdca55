/** Values of the status word (index 0 of {@link KernelSumJob.status}). */
export const kernelSumStatus = { pending: 0, done: 1, failed: 2 } as const;

/**
 * What a kernel-sum worker receives (as `workerData`): the matrices and the result slots are
 * SharedArrayBuffers, so nothing is copied per call and the caller can wait with `Atomics.wait` (its
 * event loop is blocked: a worker's 'error' event could not be delivered). `status` holds three Int32
 * words: [0] the {@link kernelSumStatus}, [1] a progress count bumped after every block row, which the
 * caller watches to tell a slow worker from a dead one, [2] the byte length of the UTF-8 error message
 * written into `message`.
 */
export interface KernelSumJob {
  readonly x: SharedArrayBuffer;
  readonly xRows: number;
  readonly y: SharedArrayBuffer;
  readonly yRows: number;
  readonly dim: number;
  readonly gamma: number;
  readonly same: boolean;
  readonly status: SharedArrayBuffer;
  readonly result: SharedArrayBuffer;
  readonly message: SharedArrayBuffer;
  /** The worker module's URL (the bootstrap imports it). */
  readonly url: string;
}

/** Writes the failure's message into the job and wakes the caller (used by the worker and its bootstrap). */
export function reportKernelSumFailure(job: KernelSumJob, error: unknown): void {
  const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
  const out = new Uint8Array(job.message);
  const n = Math.min(text.length, out.length);
  out.set(text.subarray(0, n));
  const status = new Int32Array(job.status);
  Atomics.store(status, 2, n);
  Atomics.store(status, 0, kernelSumStatus.failed);
  Atomics.notify(status, 0);
}
