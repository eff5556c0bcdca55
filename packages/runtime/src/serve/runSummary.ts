import { type RunRecord, type RunSummary, summariseRun } from '@driftwatch/core';

export type { RunSummary } from '@driftwatch/core';

/** The summary of a recorded run, its drift figures read from the result's `drift.dataset` (core's {@link summariseRun}). */
export function runSummary(run: RunRecord): RunSummary {
  return summariseRun(run);
}
