import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DescribeEndpointCommand,
  type DescribeEndpointCommandOutput,
  type SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { type AwsCaller, callAws, resourceName, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import { type Deployer, type DeploymentContext, type DeploymentResult, formatDuration, type ModelVersion } from '@driftwatch/core';
import { isAlreadyExists, isNotFound } from '../client/awsErrors.js';
import { type PollingSeams, timerSleep } from '../client/pollingSeams.js';
import type { SageMakerEndpointOptions } from '../options/sageMakerEndpointOptions.js';

/** Seams for tests: waiting between DescribeEndpoint polls and retries, and the clock. */
export type SageMakerEndpointDependencies = PollingSeams;

const provider = 'sagemaker-endpoint';

/** Endpoint states from which nothing will change without a new request. */
const brokenStates = new Set(['Failed', 'UpdateRollbackFailed', 'OutOfService', 'Deleting']);

/**
 * Deploys model versions to one SageMaker real-time endpoint. Each version
 * gets a model and an endpoint config named `<endpointName>-v<version>`
 * (created once, reused after); the endpoint is created with it, or updated
 * to it (a blue/green update by SageMaker), and watched with DescribeEndpoint
 * until InService with that config. An update SageMaker rolls back (InService
 * with another config), a Failed endpoint or the wait deadline is a `failed`
 * result with the reason; only a failing API call throws (a ProviderError
 * naming the operation).
 */
export class SageMakerEndpointDeployer implements Deployer {
  readonly type = provider;
  readonly #client: SageMakerClient;
  readonly #options: SageMakerEndpointOptions;
  readonly #caller: AwsCaller;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(client: SageMakerClient, options: SageMakerEndpointOptions, dependencies: SageMakerEndpointDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#sleep = dependencies.sleep ?? timerSleep;
    this.#now = dependencies.now ?? Date.now;
    this.#caller = { provider, retry: retryPolicyFrom(options, { sleep: this.#sleep, random: dependencies.random }) };
  }

  /** Releases the client's sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#client.destroy();
  }

  /** The model and endpoint config name of a version. */
  configName(version: ModelVersion): string {
    return resourceName(`${this.#options.endpointName}-v${version.version}`);
  }

  deploy(version: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#serve(version, context.signal);
  }

  rollback(to: ModelVersion, context: DeploymentContext = {}): Promise<DeploymentResult> {
    return this.#serve(to, context.signal);
  }

  async #serve(version: ModelVersion, signal: AbortSignal | undefined): Promise<DeploymentResult> {
    const name = this.configName(version);
    const endpoint = this.#options.endpointName;
    await this.#ensureModel(name, version);
    await this.#ensureConfig(name, version);
    const current = await this.#describe(true);
    if (current === undefined) {
      await sendAws(this.#caller, 'CreateEndpoint', () =>
        this.#client.send(
          new CreateEndpointCommand({
            EndpointName: endpoint,
            EndpointConfigName: name,
            Tags: [{ Key: 'driftwatch:model', Value: version.model.slice(0, 256) }],
          }),
        ),
      );
    } else {
      const status = current.EndpointStatus;
      const pending = current.PendingDeploymentSummary?.EndpointConfigName;
      if (status === 'InService' && current.EndpointConfigName === name) return { status: 'deployed' };
      const alreadyGoing = (status === 'Creating' && current.EndpointConfigName === name) || (status === 'Updating' && pending === name);
      if (!alreadyGoing) {
        if (status !== 'InService') {
          return {
            status: 'failed',
            reason: `endpoint ${endpoint} is ${status}${current.FailureReason ? ` (${current.FailureReason})` : ''}; it can be updated only when InService`,
          };
        }
        await sendAws(this.#caller, 'UpdateEndpoint', () =>
          this.#client.send(new UpdateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: name })),
        );
      }
    }
    return this.#waitFor(name, signal);
  }

  /** Polls with growing waits (×1.5, up to 4× pollInterval) until the endpoint settles or the deadline. */
  async #waitFor(config: string, signal: AbortSignal | undefined): Promise<DeploymentResult> {
    const { endpointName, waitTimeout, pollInterval } = this.#options;
    const deadline = this.#now() + waitTimeout;
    let delay = pollInterval;
    for (;;) {
      signal?.throwIfAborted();
      const left = deadline - this.#now();
      if (left > 0) {
        await this.#sleep(Math.min(delay, left));
        delay = Math.min(delay * 1.5, pollInterval * 4);
      }
      signal?.throwIfAborted();
      const d = await this.#describe(true);
      const status = d?.EndpointStatus;
      const reason = d?.FailureReason ? `: ${d.FailureReason}` : '';
      if (d === undefined) return { status: 'failed', reason: `endpoint ${endpointName} disappeared while waiting for ${config}` };
      if (status === 'InService') {
        if (d.EndpointConfigName === config) return { status: 'deployed' };
        return {
          status: 'failed',
          reason: `endpoint ${endpointName} is back InService with ${d.EndpointConfigName}, not ${config}: SageMaker rolled the update back${reason}`,
        };
      }
      if (status !== undefined && brokenStates.has(status))
        return { status: 'failed', reason: `endpoint ${endpointName} is ${status}${reason}` };
      if (this.#now() >= deadline) {
        return {
          status: 'failed',
          reason: `endpoint ${endpointName} not InService with ${config} after ${formatDuration(waitTimeout)} (still ${status})`,
        };
      }
    }
  }

  async #ensureModel(name: string, version: ModelVersion): Promise<void> {
    await callAws(
      this.#caller,
      'CreateModel',
      () =>
        this.#client.send(
          new CreateModelCommand({
            ModelName: name,
            ExecutionRoleArn: this.#options.roleArn,
            PrimaryContainer: { Image: this.#options.image, ModelDataUrl: version.artifactUri },
            Tags: [
              { Key: 'driftwatch:model', Value: version.model.slice(0, 256) },
              { Key: 'driftwatch:version', Value: version.version.slice(0, 256) },
            ],
          }),
        ),
      isAlreadyExists,
    );
  }

  async #ensureConfig(name: string, version: ModelVersion): Promise<void> {
    const o = this.#options;
    await callAws(
      this.#caller,
      'CreateEndpointConfig',
      () =>
        this.#client.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: name,
            ProductionVariants: [
              {
                VariantName: o.variantName,
                ModelName: name,
                InstanceType: o.instanceType as never,
                InitialInstanceCount: o.initialInstanceCount,
                InitialVariantWeight: 1,
              },
            ],
            ...(o.captureUri !== undefined && {
              DataCaptureConfig: {
                EnableCapture: true,
                InitialSamplingPercentage: o.capturePercentage,
                DestinationS3Uri: o.captureUri,
                CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
              },
            }),
            Tags: [{ Key: 'driftwatch:version', Value: version.version.slice(0, 256) }],
          }),
        ),
      isAlreadyExists,
    );
  }

  async #describe(missingOk: boolean): Promise<DescribeEndpointCommandOutput | undefined> {
    return callAws(
      this.#caller,
      'DescribeEndpoint',
      () => this.#client.send(new DescribeEndpointCommand({ EndpointName: this.#options.endpointName })),
      missingOk ? isNotFound : undefined,
    );
  }
}
