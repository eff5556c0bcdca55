import type { RetrainingTrigger } from './RetrainingAttempt.js';

/** What the retraining policy decided for one evaluation. */
export interface PolicyDecision {
  /** Whether to start (or join, by key) an attempt. */
  readonly retrain: boolean;
  /** Set when retrain is true, or when a trigger fired but a guard blocked it. */
  readonly trigger?: RetrainingTrigger;
  /**
   * Guards that blocked a fired trigger, one line each (`cooldown: last attempt 3h ago, cooldown 1d`).
   * For a manual request, the guards it overrides are listed too, although it goes ahead.
   */
  readonly blockedBy: readonly string[];
  /**
   * Idempotency key of the attempt to start: `${model}-${runId}` for run triggers,
   * `${model}-schedule-${n}` for the schedule (n = floor(now / schedule)), `${model}-manual-${isoCompact(now)}`
   * for manual (`20260310T120000.000Z`). Letters, digits, `-`, `.`, `_` only (others become `_`).
   */
  readonly key?: string;
}
