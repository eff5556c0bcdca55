/** What to train on and with. */
export interface TrainingRequest {
  readonly model: string;
  /** URI of the training data (a path or `s3://…`). */
  readonly dataUri: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Idempotency key: starting twice with one key starts one job. */
  readonly key: string;
}

/** A started job. */
export interface TrainingJob {
  readonly id: string;
  readonly provider: string;
}

/** Where a job stands. */
export interface TrainingStatus {
  readonly state: 'pending' | 'running' | 'succeeded' | 'failed' | 'stopped';
  /** URI of the trained artifact once `succeeded`. */
  readonly artifactUri?: string;
  readonly reason?: string;
}

/** Starts, watches and cancels training jobs (local command, SageMaker). */
export interface TrainingProvider {
  readonly type: string;
  start(request: TrainingRequest): Promise<TrainingJob>;
  status(job: TrainingJob): Promise<TrainingStatus>;
  cancel(job: TrainingJob): Promise<void>;
}
