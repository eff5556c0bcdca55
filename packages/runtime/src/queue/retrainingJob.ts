import type { JobRequest, PolicyDecision } from '@driftwatch/core';

/** The kind of a retraining attempt's job. */
export const retrainingJobKind = 'retraining';

/** What a retraining attempt's job carries: the policy's decision, made after the run. */
export interface RetrainingJobPayload {
  readonly monitor: string;
  readonly decision: PolicyDecision & { readonly retrain: true };
}

/** A retraining attempt may take hours: its job expires after this, not after the queue's `expireAfter`. Default 6h. */
export const retrainingJobExpireAfterMs = 6 * 3_600_000;

/** The job of the attempt a run's decision asks for, keyed by the decision's idempotency key. */
export function retrainingJob(monitor: string, decision: PolicyDecision & { readonly retrain: true }): JobRequest {
  const payload: RetrainingJobPayload = { monitor, decision };
  return {
    kind: retrainingJobKind,
    key: `${retrainingJobKind}:${decision.key}`,
    payload: { ...payload },
    expireAfterMs: retrainingJobExpireAfterMs,
  };
}
