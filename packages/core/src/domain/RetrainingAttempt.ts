/**
 * States of a retraining attempt. The happy path is
 * `triggered → collecting → training → registering → evaluating → gated →
 * deploying → verifying → deployed` (the challenger is registered as a
 * candidate before it is scored, so a rejected one stays in the registry); `rejected` (the gate said no),
 * `deploy-failed` (the gate passed, the deployment failed: the champion still serves and the
 * challenger can be promoted again), `failed` (another step could not complete) and `rolled_back`
 * (the post-deploy check failed and the previous champion serves again) end it early.
 */
export const retrainingStates = [
  'triggered',
  'collecting',
  'training',
  'evaluating',
  'gated',
  'registering',
  'deploying',
  'verifying',
  'deployed',
  'rejected',
  'deploy-failed',
  'failed',
  'rolled_back',
] as const;

/** One of {@link retrainingStates}. */
export type RetrainingState = (typeof retrainingStates)[number];

/** States after which an attempt never moves again. */
export const terminalRetrainingStates: ReadonlySet<RetrainingState> = new Set([
  'deployed',
  'rejected',
  'deploy-failed',
  'failed',
  'rolled_back',
]);

/** Why an attempt was started. */
export interface RetrainingTrigger {
  /** `drift` (dataset drift), `features` (named features drifted), `metric` (a measured or estimated metric crossed its threshold), `schedule`, `manual`. */
  readonly kinds: readonly ('drift' | 'features' | 'metric' | 'schedule' | 'manual')[];
  /** One line per reason, for people. */
  readonly reasons: readonly string[];
  /** The monitor run that triggered it, when one did. */
  readonly runId?: string;
}

/** One persisted move of the state machine. */
export interface RetrainingTransition {
  readonly from: RetrainingState | null;
  readonly to: RetrainingState;
  /** ISO time of the move. */
  readonly at: string;
  readonly reason: string;
}

/** The fresh data an attempt trains and validates on. */
export interface RetrainingData {
  /** Training set (path or URI). */
  readonly trainUri: string;
  readonly trainRows: number;
  /**
   * Validation set given to the trainer (path or URI), split from the training rows only — the holdout
   * never reaches a trainer. Absent unless `data.validation` is configured.
   */
  readonly validationUri?: string;
  readonly validationRows?: number;
  /** Labelled holdout both models are scored on (path or URI); never given to the trainer. */
  readonly holdoutUri: string;
  readonly holdoutRows: number;
  /** Labelled rows newer than the reference (the `minNewRows` guard counts these). */
  readonly newLabelledRows: number;
  /**
   * The holdout rows with every column the monitor reads and, once scored, the challenger's own
   * predictions (path): recorded with the registered version as its `reference` metadata, the data a
   * monitor with `reference: { from: champion }` compares against while the version serves.
   */
  readonly referenceUri?: string;
}

/** The metric figures of one model on the holdout. */
export interface ModelScores {
  readonly version: string;
  /** Metric name → value (`null` when undefined on the holdout, e.g. ROC AUC with one class). */
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly rows: number;
}

/** A floor a model's metric must reach (or, for error metrics such as rmse, stay under). */
export interface FloorCheck {
  readonly metric: string;
  readonly bound: number;
  readonly value: number | null;
  readonly passed: boolean;
}

/** What the validation gate decided, with every figure it used. */
export interface GateDecision {
  readonly passed: boolean;
  /** One line per rule checked. */
  readonly reasons: readonly string[];
  /** The gate metric. */
  readonly metric: string;
  /** Whether larger values of the gate metric are better (false for errors such as rmse). */
  readonly higherIsBetter: boolean;
  readonly champion: number | null;
  readonly challenger: number | null;
  /** Challenger − champion, signed so that positive is better; `null` without a champion. */
  readonly gain: number | null;
  readonly minGain?: number;
  readonly maxLoss?: number;
  readonly floors: readonly FloorCheck[];
  /** Paired bootstrap of the gain on the holdout, when configured. */
  readonly bootstrap?: {
    readonly resamples: number;
    readonly valid: number;
    readonly level: number;
    readonly lower: number | null;
    readonly upper: number | null;
    /** Share of resamples in which the challenger was not better (one-sided p-value). */
    readonly pValue: number | null;
    readonly alpha: number;
    readonly significant: boolean;
  };
}

/**
 * One retraining attempt of one model, as the run store keeps it. Every
 * step's output is added as the attempt advances, so a process that dies
 * can resume from the last persisted state.
 */
export interface RetrainingAttempt {
  readonly schemaVersion: 1;
  /** Unique; names the attempt's files. Letters, digits, `.`, `_`, `-`. */
  readonly id: string;
  /** Idempotency key: two runs that decide to retrain for the same reason share it, and start one attempt. */
  readonly key: string;
  readonly monitor: string;
  readonly model: string;
  readonly state: RetrainingState;
  readonly trigger: RetrainingTrigger;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly transitions: readonly RetrainingTransition[];
  readonly data?: RetrainingData;
  readonly training?: {
    readonly provider: string;
    readonly jobId: string;
    readonly startedAt: string;
    readonly finishedAt?: string;
    readonly artifactUri?: string;
    /** Where the job's log is (a file path or a console URI). */
    readonly logUri?: string;
  };
  /** Champion when the attempt was gated (`null`: there was none). */
  readonly champion?: string | null;
  /** The registered challenger's version. */
  readonly challenger?: string;
  readonly scores?: { readonly champion?: ModelScores; readonly challenger: ModelScores };
  readonly gate?: GateDecision;
  readonly deployment?: { readonly at: string; readonly previous: string | null; readonly reason?: string };
  readonly postDeploy?: { readonly passed: boolean; readonly reasons: readonly string[]; readonly scores?: ModelScores };
  /** Why the attempt failed, was rejected, could not be deployed (`DEPLOY_FAILED`) or rolled back (secrets redacted). */
  readonly error?: { readonly code: string; readonly message: string };
}
