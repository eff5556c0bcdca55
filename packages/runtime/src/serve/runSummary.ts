import type { RunRecord } from '@driftwatch/core';

/** One run in a listing: what the API's run lists and the dashboard show without the whole result. */
export interface RunSummary {
  readonly id: string;
  readonly monitor: string;
  readonly status: RunRecord['status'];
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** Share of drift-tested columns that drifted (0..1), when the run tested drift. */
  readonly driftShare?: number;
  readonly driftedColumns?: number;
  /** Columns drift-tested. */
  readonly columns?: number;
}

interface DatasetVerdict {
  readonly share?: unknown;
  readonly driftedColumns?: unknown;
  readonly testedColumns?: unknown;
}

/** The summary of a recorded run, its drift figures read from the result's `drift.dataset`. */
export function runSummary(run: RunRecord): RunSummary {
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
