import type { PolicyDecision } from './PolicyDecision.js';
import type { RetrainingAttempt } from './RetrainingAttempt.js';
import type { RetrainingPlan } from './RetrainingPlan.js';

/** Version of the JSON shape of {@link RetrainingOutcome}. */
export const retrainingOutcomeSchemaVersion = 1 as const;

/**
 * What retraining did for one monitor in one run or `driftwatch retrain`:
 * the policy's decision, the attempt it started (in its final or waiting
 * state), attempts it resumed, or the plan of a dry run.
 */
export interface RetrainingOutcome {
  readonly schemaVersion: typeof retrainingOutcomeSchemaVersion;
  readonly monitor: string;
  readonly model: string;
  readonly decision: PolicyDecision;
  readonly attempt?: RetrainingAttempt;
  /** Attempts left unfinished by an earlier process, advanced first. */
  readonly resumed: readonly RetrainingAttempt[];
  readonly plan?: RetrainingPlan;
  /**
   * With a shared job queue: the attempt the decision asked for was enqueued as this job (a worker
   * runs it under the model's lock); `enqueued: false` when a job for the same decision existed.
   */
  readonly queued?: { readonly jobId: string; readonly enqueued: boolean };
  /** Why retraining could not even start (a lock held by another process, the store unreachable). */
  readonly error?: { readonly code: string; readonly message: string };
}
