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
  // One more than the sparkline: the newest may still be running. A store that keeps run summaries
  // (SQLite: one index-only query) serves them; another one's whole records are summarised here.
  const query = { monitor: name, limit: sparklineRuns + 1 };
  const runs = store.listRunSummaries ? await store.listRunSummaries(query) : (await store.listRuns(query)).map(runSummary);
  const finished = runs.filter((r) => r.status !== 'started');
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
