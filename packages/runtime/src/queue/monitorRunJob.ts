import { createHash, randomBytes } from 'node:crypto';
import type { Job, JobRequest } from '@driftwatch/core';
import type { RunReason } from '../schedule/MonitorScheduler.js';

/** The kind of a monitor run's job. */
export const monitorRunJobKind = 'monitor-run';

/** What a monitor run's job carries. */
export interface MonitorRunPayload {
  readonly monitor: string;
  /** ISO-8601: the slot (scheduled, missed) or the request time (manual). */
  readonly scheduledAt: string;
  readonly reason: RunReason;
}

/**
 * The job of one monitor run. A scheduled or missed run is keyed by its monitor and slot, so every
 * replica that fires the slot enqueues the same job (one run per slot); a manual run by its request.
 */
export function monitorRunJob(monitor: string, scheduledAt: Date, reason: RunReason): JobRequest {
  const at = scheduledAt.toISOString();
  const key =
    reason === 'manual'
      ? `${monitorRunJobKind}:${monitor}:manual:${at}:${randomBytes(4).toString('hex')}`
      : `${monitorRunJobKind}:${monitor}:${at}`;
  const payload: MonitorRunPayload = { monitor, scheduledAt: at, reason };
  return { kind: monitorRunJobKind, key, payload: { ...payload } };
}

/**
 * The run id of a monitor run's job: the slot, the monitor and a hash of the job's key — the same
 * on every retry of the job, so a retry after a killed worker replaces the run's `started` record
 * instead of recording a second run.
 */
export function monitorRunJobRunId(job: Pick<Job, 'key' | 'payload'>): string {
  const payload = job.payload as unknown as MonitorRunPayload;
  const hash = createHash('sha256').update(job.key).digest('hex').slice(0, 6);
  return `${payload.scheduledAt.replace(/[-:.]/g, '')}-${payload.monitor}-${hash}`;
}
