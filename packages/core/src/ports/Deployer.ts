import type { ModelVersion } from './ModelRegistry.js';

/** Outcome of a deployment or a rollback. */
export interface DeploymentResult {
  readonly status: 'deployed' | 'failed';
  readonly reason?: string;
}

/** What a deployer is told besides the version. */
export interface DeploymentContext {
  /** The version serving before, if any (a rollback target). */
  readonly previous?: ModelVersion;
  readonly signal?: AbortSignal;
}

/**
 * Deploys a version, waits for it to serve, and rolls back (champion
 * pointer, SageMaker endpoint). Deploying the version already serving is a
 * no-op that reports `deployed`, so a resumed attempt can deploy again.
 * Failures the caller should record are returned as `failed` with a reason;
 * thrown errors mean the provider could not be reached at all.
 */
export interface Deployer {
  readonly type: string;
  deploy(version: ModelVersion, context?: DeploymentContext): Promise<DeploymentResult>;
  /** Makes `to` serve again (after a failed post-deploy check). */
  rollback(to: ModelVersion, context?: DeploymentContext): Promise<DeploymentResult>;
}
