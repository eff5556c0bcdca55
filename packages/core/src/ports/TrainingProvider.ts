/** What to train on and with. */
export interface TrainingRequest {
  readonly model: string;
  /** URI of the training data (a path or `s3://…`); a CSV with a header for the local providers. */
  readonly dataUri: string;
  /**
   * URI of a validation set for trainers that tune or report on one (early stopping): split from the
   * training rows only. The gate's holdout is never given to a trainer.
   */
  readonly validationUri?: string;
  /** Hyperparameters and settings (e.g. `target`), passed to the job as given. */
  readonly parameters: Readonly<Record<string, string>>;
  /**
   * Idempotency key (letters, digits, `-`): starting twice with one key
   * starts one job, and the second call returns it.
   */
  readonly key: string;
}

/** A started job. */
export interface TrainingJob {
  readonly id: string;
  readonly provider: string;
  /** Where the job's log can be read, when known at start. */
  readonly logUri?: string;
}

/** Where a job stands. */
export interface TrainingStatus {
  readonly state: 'pending' | 'running' | 'succeeded' | 'failed' | 'stopped';
  /** URI of the trained artifact once `succeeded`. */
  readonly artifactUri?: string;
  /** Why it failed or stopped (the exit status and the log's tail, the job's FailureReason). */
  readonly reason?: string;
  readonly logUri?: string;
}

/**
 * Submits, watches and cancels training jobs (local command, SageMaker).
 * `status` is cheap and safe to call repeatedly: the orchestrator polls it
 * with backoff until a final state or its deadline, then calls `cancel`.
 */
export interface TrainingProvider {
  readonly type: string;
  /** Submits a job (idempotent by `request.key`: the same key returns the same job). Not the lifecycle's `start`. */
  submit(request: TrainingRequest): Promise<TrainingJob>;
  status(job: TrainingJob): Promise<TrainingStatus>;
  cancel(job: TrainingJob): Promise<void>;
}
