import type { Deployer, Evaluator, Frame, ModelRegistry, RunStore, TrainingProvider } from '@driftwatch/core';

/** The ports and services a {@link RetrainingOrchestrator} works with; the runtime builds them from the config. */
export interface RetrainingDeps {
  readonly store: RunStore;
  readonly trainer: TrainingProvider;
  readonly evaluator: Evaluator;
  readonly registry: ModelRegistry;
  readonly deployer: Deployer;
  /** Reads the monitor's sides (file order) for the collecting step. */
  readonly loadSides: () => Promise<readonly { readonly side: 'reference' | 'current'; readonly frame: Frame }[]>;
  /** Extra columns never given to the trainer (prediction/proba/id), besides `config.data.exclude`. */
  readonly dropColumns?: readonly string[];
  /** Datetime column that orders rows for the holdout (latest rows); default: file order. */
  readonly timestamp?: string;
  /** Clock; default `() => new Date()`. */
  readonly now?: () => Date;
  /** Waits between status polls; default a timer that rejects when `signal` aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Removes secrets from messages before they are persisted; default identity. */
  readonly redact?: (text: string) => string;
  /** Progress lines for stderr ("training: job … running (2m)"). */
  readonly progress?: (line: string) => void;
  /** Lock TTL in ms; default 2 hours. Renewed while a training job is polled. */
  readonly lockTtlMs?: number;
  /** Lock owner id; default a random id per orchestrator. */
  readonly owner?: string;
}
