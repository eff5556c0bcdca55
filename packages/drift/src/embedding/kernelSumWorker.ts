// Worker-thread entry of {@link mmdKernelSums}: computes one blocked RBF kernel sum over matrices shared
// through SharedArrayBuffers and reports through the shared status words (see KernelSumJob.ts). Loaded
// by a small CommonJS bootstrap that reports a failed import the same way, so the blocked caller never
// waits for a worker that did not start.
import { workerData } from 'node:worker_threads';
import { type KernelSumJob, kernelSumStatus, reportKernelSumFailure } from './KernelSumJob.js';
import { rbfKernelSum } from './rbfKernelSum.js';

const job = workerData as KernelSumJob;
const status = new Int32Array(job.status);
try {
  const x = new Float64Array(job.x);
  const y = job.y === job.x ? x : new Float64Array(job.y);
  const result = rbfKernelSum(x, job.xRows, y, job.yRows, job.dim, job.gamma, job.same, undefined, undefined, () => {
    Atomics.add(status, 1, 1);
    Atomics.notify(status, 0);
  });
  new Float64Array(job.result)[0] = result;
  Atomics.store(status, 0, kernelSumStatus.done);
  Atomics.notify(status, 0);
} catch (error) {
  reportKernelSumFailure(job, error);
}
