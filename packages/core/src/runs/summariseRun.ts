import type { RunRecord, RunSummary } from '../ports/RunStore.js';

interface DatasetVerdict {
  readonly share?: unknown;
  readonly driftedColumns?: unknown;
  readonly testedColumns?: unknown;
}

/**
 * The summary of a recorded run, its drift figures read from the result's `drift.dataset`
 * (`share`, `driftedColumns`, `testedColumns`; each only when it is a number). What a store's
 * `listRunSummaries` returns, and what a store without it derives from `listRuns`.
 */
export function summariseRun(run: RunRecord): RunSummary {
  const dataset = ((run.result as { drift?: { dataset?: DatasetVerdict } | null } | null)?.drift?.dataset ?? {}) as DatasetVerdict;
  return {
    id: run.id,
    monitor: run.monitor,
    status: run.status,
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    ...(typeof dataset.share === 'number' ? { driftShare: dataset.share } : {}),
    ...(typeof dataset.driftedColumns === 'number' ? { driftedColumns: dataset.driftedColumns } : {}),
    ...(typeof dataset.testedColumns === 'number' ? { columns: dataset.testedColumns } : {}),
  };
}
