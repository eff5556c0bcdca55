import type { Deployer, DeploymentContext, DeploymentResult, ModelVersion } from '@driftwatch/core';

/** One deployer call, as recorded. */
export interface DeployerCall {
  readonly operation: 'deploy' | 'rollback';
  readonly model: string;
  readonly version: string;
  /** The `previous` version passed with the call, if any. */
  readonly previous?: string;
}

/**
 * A {@link Deployer} that records its calls and the version it serves, for
 * tests of code that deploys. Set `failDeploy` / `failRollback` to a reason
 * to make the next calls report `failed`; set `throwNext` to make the next
 * call (either operation) throw once. Deploying the version already serving
 * is a no-op that reports `deployed`, as the port requires.
 */
export class RecordingDeployer implements Deployer {
  readonly type: string;
  /** Every call, in order. */
  readonly calls: DeployerCall[] = [];
  /** Version serving now (`undefined` until something was deployed). */
  serving: string | undefined;
  /** When set, `deploy` reports `failed` with this reason. */
  failDeploy: string | undefined;
  /** When set, `rollback` reports `failed` with this reason. */
  failRollback: string | undefined;
  /** When set, the next call throws it (once). */
  throwNext: Error | undefined;

  constructor(
    options: {
      readonly type?: string;
      readonly serving?: string;
      readonly failDeploy?: string;
      readonly failRollback?: string;
    } = {},
  ) {
    this.type = options.type ?? 'recording';
    this.serving = options.serving;
    this.failDeploy = options.failDeploy;
    this.failRollback = options.failRollback;
  }

  async deploy(version: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#call('deploy', version, context, this.failDeploy);
  }

  async rollback(to: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#call('rollback', to, context, this.failRollback);
  }

  #call(
    operation: 'deploy' | 'rollback',
    version: ModelVersion,
    context: DeploymentContext,
    failure: string | undefined,
  ): DeploymentResult {
    this.calls.push({
      operation,
      model: version.model,
      version: version.version,
      ...(context.previous ? { previous: context.previous.version } : {}),
    });
    const thrown = this.throwNext;
    if (thrown) {
      this.throwNext = undefined;
      throw thrown;
    }
    if (failure !== undefined && !(operation === 'deploy' && this.serving === version.version))
      return { status: 'failed', reason: failure };
    this.serving = version.version;
    return { status: 'deployed' };
  }
}
