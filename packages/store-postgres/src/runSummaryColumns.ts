import { type RunRecord, summariseRun } from '@driftwatch/core';

/** A summary column holds no NaN nor infinity: those read back as absent, as in the record. */
const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/**
 * The values of a run's summary columns (`finished_at, drift_share, drifted_columns,
 * tested_columns`), as core's `summariseRun` reads them from the record (as the SQLite store
 * fills its own).
 */
export function runSummaryColumns(run: RunRecord): [string | null, number | null, number | null, number | null] {
  const summary = summariseRun(run);
  return [
    summary.finishedAt ?? null,
    finiteOrNull(summary.driftShare),
    finiteOrNull(summary.driftedColumns),
    finiteOrNull(summary.columns),
  ];
}
