// Worker-thread module of `smirnov`'s shared sum: `runBlockJob` claims blocks of power parts and computes them
// into the job's shared arrays until none is left (see smirnovBlocks.ts). The block worker's small CommonJS
// bootstrap imports it once and runs every job posted to the thread; it marks the jobs failed when this
// import fails, so the caller never waits for a worker that did not start.
import { smirnovPowerParts } from './kolmogorov.js';
import { claimBlock, computeBlock, markFailed, type SmirnovBlocksJob, smirnovBlockViews } from './smirnovBlocks.js';

export function runBlockJob(job: SmirnovBlocksJob): void {
  const views = smirnovBlockViews(job);
  try {
    for (let b = claimBlock(views); b >= 0; b = claimBlock(views)) computeBlock(views, b, smirnovPowerParts);
  } catch {
    markFailed(views.control);
  }
}
