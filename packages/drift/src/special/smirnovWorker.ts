// Worker-thread entry of `smirnov`'s shared sum: claims blocks of power parts and computes them into the
// job's shared arrays until none is left (see smirnovBlocks.ts). Loaded by a small CommonJS bootstrap
// that marks the job failed when this import fails, so the caller never waits for a worker that did not start.
import { workerData } from 'node:worker_threads';
import { smirnovPowerParts } from './kolmogorov.js';
import { blockWord, claimBlock, computeBlock, type SmirnovBlocksJob, smirnovBlockViews } from './smirnovBlocks.js';

const views = smirnovBlockViews(workerData as SmirnovBlocksJob);
try {
  for (let b = claimBlock(views); b >= 0; b = claimBlock(views)) computeBlock(views, b, smirnovPowerParts);
} catch {
  Atomics.store(views.control, blockWord.failed, 1);
  Atomics.notify(views.control, blockWord.done);
}
