import type { RunStore } from '@driftwatch/core';
import { type RunSummary, runSummary } from './runSummary.js';

/** A monitor's health: what the overview page and `GET /api/v1/monitors` show. */
export interface MonitorOverview {
  readonly name: string;
  /** `running` while a run is in flight, else the last finished run's status (`interrupted` reads as `failed`), `never-run` without runs. */
  readonly status: 'ok' | 'drift' | 'failed' | 'running' | 'never-run';
  /** The last finished (or failed) run. */
  readonly lastRun?: RunSummary;
  /** Drift share of the last run that tested drift. */
  readonly driftShare?: number;
  /** Dataset drift share of the last runs (at most `sparklineRuns`), oldest first. */
  readonly sparkline: readonly { readonly timestamp: string; readonly value: number }[];
}

/** Runs the sparkline covers. */
export const sparklineRuns = 30;

/**
 * The overview of one monitor from its recorded runs (newest first, as `RunStore.listRuns` returns
 * them); `running` says whether the process has one of its runs in flight.
 */
export async function monitorOverview(store: RunStore, name: string, running: boolean): Promise<MonitorOverview> {
  // One more than the sparkline: the newest may still be running. (The store reads whole results: the
  // cost of this call is the listing, about 4 ms per monitor with 4 kB results on a loaded machine.)
  const runs = await store.listRuns({ monitor: name, limit: sparklineRuns + 1 });
  const finished = runs.filter((r) => r.status !== 'started').map(runSummary);
  const last = finished[0];
  const inFlight = running || runs[0]?.status === 'started';
  const status: MonitorOverview['status'] = inFlight
    ? 'running'
    : last === undefined
      ? 'never-run'
      : last.status === 'interrupted'
        ? 'failed'
        : (last.status as 'ok' | 'drift' | 'failed');
  const sparkline = finished
    .filter((r) => r.driftShare !== undefined)
    .slice(0, sparklineRuns)
    .map((r) => ({ timestamp: r.finishedAt ?? r.startedAt, value: r.driftShare as number }))
    .reverse();
  const lastDrift = finished.find((r) => r.driftShare !== undefined);
  return {
    name,
    status,
    ...(last ? { lastRun: last } : {}),
    ...(lastDrift?.driftShare !== undefined ? { driftShare: lastDrift.driftShare } : {}),
    sparkline,
  };
}
