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
  /** Why retraining could not even start (a lock held by another process, the store unreachable). */
  readonly error?: { readonly code: string; readonly message: string };
}
