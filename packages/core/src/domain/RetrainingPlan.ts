import type { PolicyDecision } from './PolicyDecision.js';
import type { RetrainingAttempt } from './RetrainingAttempt.js';

/** What an attempt would do, computed without side effects (`driftwatch retrain --dry-run`). */
export interface RetrainingPlan {
  readonly monitor: string;
  readonly model: string;
  readonly decision: PolicyDecision;
  /** The version serving now (`null`: none, so only the gate's floors will decide). */
  readonly champion: string | null;
  /** Provider types, as configured. */
  readonly providers: { readonly trainer: string; readonly evaluator: string; readonly registry: string; readonly deployer: string };
  /** Sizes of the split the collecting step would write; absent when the data cannot be collected (see `dataError`). */
  readonly data?: { readonly trainRows: number; readonly holdoutRows: number; readonly newLabelledRows: number };
  /** Why collecting would fail (the error a real attempt would end with). */
  readonly dataError?: { readonly code: string; readonly message: string };
  /** A non-terminal attempt of the model, which a start would resume instead of starting another. */
  readonly pending?: RetrainingAttempt;
  /** The attempt already recorded with the decision's key, which a start would return. */
  readonly existing?: RetrainingAttempt;
}
