import type { ModelVersion } from './ModelRegistry.js';

/** Outcome of a deployment. */
export interface DeploymentResult {
  readonly status: 'deployed' | 'failed';
  readonly reason?: string;
}

/** Deploys a version, waits for it to serve, and rolls back (champion pointer, SageMaker endpoint). */
export interface Deployer {
  readonly type: string;
  deploy(version: ModelVersion): Promise<DeploymentResult>;
  rollback(to: ModelVersion): Promise<DeploymentResult>;
}
