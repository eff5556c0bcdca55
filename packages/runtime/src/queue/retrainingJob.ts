import type { JobRequest, PolicyDecision } from '@driftwatch/core';

/** The kind of a retraining attempt's job. */
export const retrainingJobKind = 'retraining';

/** What a retraining attempt's job carries: the policy's decision, made after the run. */
export interface RetrainingJobPayload {
  readonly monitor: string;
  readonly decision: PolicyDecision & { readonly retrain: true };
}

/**
 * How long an attempt's job may run: its training's deadline (`retraining.timeouts.training`) plus the
 * queue's `expireAfter` for the other steps. The attempt holds the model's lock as long (renewed at each
 * step), so a killed worker's attempt is resumed by the job's retry, or the next attempt's job, after it.
 */
export function retrainingJobExpireAfterMs(trainingTimeoutMs: number, queueExpireAfterMs: number): number {
  return trainingTimeoutMs + queueExpireAfterMs;
}

/** The job of the attempt a run's decision asks for, keyed by the decision's idempotency key. */
export function retrainingJob(monitor: string, decision: PolicyDecision & { readonly retrain: true }, expireAfterMs: number): JobRequest {
  const payload: RetrainingJobPayload = { monitor, decision };
  return { kind: retrainingJobKind, key: `${retrainingJobKind}:${decision.key}`, payload: { ...payload }, expireAfterMs };
}
