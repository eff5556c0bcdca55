/**
 * The run-store lock that makes a model's retraining one at a time: held by an attempt
 * while it advances, and by `models promote` / `models rollback` while they move the champion.
 */
export function retrainingLockName(model: string): string {
  return `retrain-${model}`;
}
