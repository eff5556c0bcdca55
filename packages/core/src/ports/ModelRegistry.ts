/**
 * Lifecycle status of a model version; at most one version of a model is `champion`. `rejected`: the
 * gate (or a post-deploy check) judged the model unfit. `deploy-failed`: the gate passed but putting it
 * in service failed (an infrastructure fault, not a verdict on the model): it can be deployed again
 * with `models promote`.
 */
export type ModelVersionStatus = 'candidate' | 'champion' | 'retired' | 'rejected' | 'deploy-failed';

/** One registered model version. */
export interface ModelVersion {
  readonly model: string;
  /** Assigned by the registry: `1`, `2`, … for the local folder; the package version for SageMaker. */
  readonly version: string;
  /** Where the trained artifact is (a folder path or `s3://…/model.tar.gz`). */
  readonly artifactUri: string;
  readonly status: ModelVersionStatus;
  readonly createdAt: string;
  /** When the status last changed, and why. */
  readonly statusChangedAt?: string;
  readonly statusReason?: string;
  /** Provider-specific identity, e.g. the model package ARN. */
  readonly ref?: string;
  /** Free-form facts recorded with the version: the attempt, the data, the gate figures. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** What {@link ModelRegistry.register} records. */
export interface NewModelVersion {
  readonly model: string;
  readonly artifactUri: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Idempotency key: registering twice with one key returns the first version. */
  readonly key?: string;
}

/**
 * Versions, champion and candidates (local folder, SageMaker Model
 * Registry). Writes are atomic: a crash leaves the previous state.
 */
export interface ModelRegistry {
  readonly type: string;
  /** Registers a new `candidate` version (or returns the one registered with the same `key`). */
  register(version: NewModelVersion): Promise<ModelVersion>;
  /** Versions of a model, oldest first; `[]` for an unknown model. */
  list(model: string): Promise<ModelVersion[]>;
  get(model: string, version: string): Promise<ModelVersion | undefined>;
  champion(model: string): Promise<ModelVersion | undefined>;
  /**
   * Sets a version's status. Making a version `champion` retires the
   * previous champion in the same atomic step (one champion pointer).
   */
  setStatus(model: string, version: string, status: ModelVersionStatus, reason?: string): Promise<ModelVersion>;
}
