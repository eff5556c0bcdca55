import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { type AwsCaller, callAws, resourceName, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import {
  type EvaluationSet,
  type Evaluator,
  formatDuration,
  isProviderError,
  type ModelVersion,
  type Predictions,
  ProviderError,
} from '@driftwatch/core';
import { isAlreadyExists, isNotFound } from '../client/awsErrors.js';
import { type PollingSeams, timerSleep } from '../client/pollingSeams.js';
import type { SageMakerEvaluatorOptions } from '../options/sageMakerEvaluatorOptions.js';
import { assemblePredictions } from './assemblePredictions.js';
import { batchLines, type LineBatch } from './batchLines.js';
import { createVersionModel, messageOf } from './createVersionModel.js';
import { type InferenceRow, parseInferenceResponse, responseFormat } from './parseInferenceResponse.js';
import { readEvaluationSet } from './readHoldoutRows.js';

/** Seams for tests: waiting between DescribeEndpoint polls and retries, and the clock. */
export type SageMakerEndpointEvaluatorDependencies = PollingSeams;

const provider = 'sagemaker-endpoint';
const brokenStates = new Set(['Failed', 'OutOfService', 'Deleting', 'UpdateRollbackFailed']);

/**
 * Scores a registered model version on the holdout without the rows leaving AWS: the holdout's
 * rows (label and `dropColumns` taken out) go as CSV to a SageMaker real-time endpoint through
 * InvokeEndpoint, in order, in requests of at most `maxPayloadBytes` and `maxRowsPerRequest`;
 * the answers (CSV, JSON Lines or JSON, read by their content type) give labels, values,
 * scores or per-class probabilities (see {@link parseInferenceResponse}, {@link assemblePredictions}).
 *
 * With `endpointName`, that existing endpoint is invoked (`{model}`/`{version}` replaced).
 * Without it, a temporary endpoint serving the version's artifact is created (model, endpoint
 * config and endpoint all named `<namePrefix>-<model>-v<version>`, one an interrupted run left
 * is reused), awaited until InService, and deleted afterwards, on failure and abort too.
 *
 * Every AWS failure is a {@link ProviderError} naming the operation and the endpoint (exit 4);
 * throttling, 429/5xx and dropped connections are retried first (`maxAttempts`).
 */
export class SageMakerEndpointEvaluator implements Evaluator {
  readonly type = provider;
  readonly #sageMaker: SageMakerClient;
  readonly #runtime: SageMakerRuntimeClient;
  readonly #options: SageMakerEvaluatorOptions;
  readonly #caller: AwsCaller;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(
    sageMaker: SageMakerClient,
    runtime: SageMakerRuntimeClient,
    options: SageMakerEvaluatorOptions,
    dependencies: SageMakerEndpointEvaluatorDependencies = {},
  ) {
    this.#sageMaker = sageMaker;
    this.#runtime = runtime;
    this.#options = options;
    this.#sleep = dependencies.sleep ?? timerSleep;
    this.#now = dependencies.now ?? Date.now;
    this.#caller = { provider, retry: retryPolicyFrom(options, { sleep: this.#sleep, random: dependencies.random }) };
  }

  /** Releases the clients' sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#sageMaker.destroy();
    this.#runtime.destroy();
  }

  /** The endpoint a version is scored on: `endpointName` with its placeholders replaced, or the temporary one's name. */
  endpointFor(version: ModelVersion): string {
    const { endpointName, namePrefix } = this.#options;
    if (endpointName !== undefined) return endpointName.replaceAll('{model}', version.model).replaceAll('{version}', version.version);
    return resourceName(`${namePrefix}-${version.model}-v${version.version}`);
  }

  async predict(version: ModelVersion, set: EvaluationSet, options: { readonly signal?: AbortSignal } = {}): Promise<Predictions> {
    const { signal } = options;
    const holdout = await readEvaluationSet(set, this.#options.dropColumns);
    const batches = batchLines(holdout.lines, this.#options.maxPayloadBytes, this.#options.maxRowsPerRequest, set.uri);
    const endpoint = this.endpointFor(version);
    if (this.#options.endpointName !== undefined) {
      if (this.#options.checkModel) await this.#checkServes(endpoint, version);
      return this.#score(endpoint, batches, signal);
    }

    let predictions: Predictions | undefined;
    let failure: unknown;
    try {
      await this.#createTemporary(endpoint, version);
      await this.#waitInService(endpoint, signal);
      predictions = await this.#score(endpoint, batches, signal);
    } catch (error) {
      failure = error;
    }
    const left = await this.#deleteTemporary(endpoint);
    if (left.length > 0) {
      const what = `could not delete the temporary ${left.join('; ')}: delete them by hand (they bill while they exist)`;
      throw new ProviderError(
        provider,
        'DeleteEndpoint',
        failure === undefined ? what : `${what}; scoring had failed too: ${messageOf(failure)}`,
        {
          cause: failure ?? undefined,
        },
      );
    }
    if (failure !== undefined) throw failure;
    return predictions as Predictions;
  }

  /** Sends every batch in order and assembles the answers into one row-aligned result. */
  async #score(endpoint: string, batches: readonly LineBatch[], signal: AbortSignal | undefined): Promise<Predictions> {
    const rows: InferenceRow[] = [];
    const total = batches.length === 0 ? 0 : (batches[batches.length - 1] as LineBatch).to;
    for (const batch of batches) {
      signal?.throwIfAborted();
      const where = `endpoint ${endpoint}, rows ${batch.from + 1}–${batch.to} of ${total}`;
      let answer: { Body?: Uint8Array; ContentType?: string };
      try {
        answer = await sendAws(this.#caller, 'InvokeEndpoint', () =>
          this.#runtime.send(
            new InvokeEndpointCommand({
              EndpointName: endpoint,
              ContentType: 'text/csv',
              Accept: this.#options.accept,
              Body: Buffer.from(batch.body, 'utf8'),
            }),
            { abortSignal: signal },
          ),
        );
      } catch (error) {
        signal?.throwIfAborted();
        const detail = isProviderError(error) ? error.message.replace(`${provider} InvokeEndpoint: `, '') : messageOf(error);
        throw new ProviderError(provider, 'InvokeEndpoint', `${where}: ${detail}`, { cause: (error as Error).cause ?? error });
      }
      const format = responseFormat(answer.ContentType) ?? responseFormat(this.#options.accept);
      const text = Buffer.from(answer.Body ?? new Uint8Array()).toString('utf8');
      let parsed: InferenceRow[];
      try {
        parsed = parseInferenceResponse(text, format ?? 'csv', this.#options.classes?.length, this.#options.singleValue);
      } catch (error) {
        throw new ProviderError(
          provider,
          'InvokeEndpoint',
          `${where}: cannot read the answer (${answer.ContentType ?? 'no content type'}): ${messageOf(error)}`,
          { cause: error },
        );
      }
      if (parsed.length !== batch.to - batch.from)
        throw new ProviderError(provider, 'InvokeEndpoint', `${where}: ${parsed.length} answers for ${batch.to - batch.from} rows`);
      for (const r of parsed) rows.push(r);
    }
    try {
      return assemblePredictions(rows, this.#options.classes);
    } catch (error) {
      throw new ProviderError(provider, 'InvokeEndpoint', `endpoint ${endpoint}: ${messageOf(error)}`, { cause: error });
    }
  }

  /**
   * An existing endpoint must serve the version scored, or the gate would compare one model with
   * itself: every variant's model must have the version's artifact as its `ModelDataUrl`. A model
   * without one (built from a model package, or of several containers) cannot be checked and passes.
   */
  async #checkServes(endpoint: string, version: ModelVersion): Promise<void> {
    const d = await callAws(
      this.#caller,
      'DescribeEndpoint',
      () => this.#sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpoint })),
      isNotFound,
    );
    if (d === undefined) throw new ProviderError(provider, 'DescribeEndpoint', `endpoint ${endpoint} does not exist`);
    if (d.EndpointStatus !== 'InService' && d.EndpointStatus !== 'Updating')
      throw new ProviderError(provider, 'DescribeEndpoint', `endpoint ${endpoint} is ${d.EndpointStatus}, not InService`);
    const config = await sendAws(this.#caller, 'DescribeEndpointConfig', () =>
      this.#sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: d.EndpointConfigName })),
    );
    for (const variant of config.ProductionVariants ?? []) {
      if (variant.ModelName === undefined) continue;
      const model = await sendAws(this.#caller, 'DescribeModel', () =>
        this.#sageMaker.send(new DescribeModelCommand({ ModelName: variant.ModelName })),
      );
      const artifact = model.PrimaryContainer?.ModelDataUrl;
      if (artifact !== undefined && artifact !== version.artifactUri)
        throw new ProviderError(
          provider,
          'DescribeModel',
          `endpoint ${endpoint} serves ${artifact} (model ${variant.ModelName}, variant ${variant.VariantName}), not version ${version.version} of ${version.model} (${version.artifactUri}); name each version's endpoint with {version}, or set checkModel: false`,
        );
    }
  }

  /** Model, endpoint config and endpoint of one version; any one an interrupted run left is reused. */
  async #createTemporary(name: string, version: ModelVersion): Promise<void> {
    const o = this.#options;
    const purpose = { Key: 'driftwatch:purpose', Value: 'evaluation' };
    const tags = [
      { Key: 'driftwatch:model', Value: version.model.slice(0, 256) },
      { Key: 'driftwatch:version', Value: version.version.slice(0, 256) },
      purpose,
    ];
    await createVersionModel(this.#caller, this.#sageMaker, o, name, version, [purpose]);
    await callAws(
      this.#caller,
      'CreateEndpointConfig',
      () =>
        this.#sageMaker.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: name,
            ProductionVariants: [
              {
                VariantName: 'AllTraffic',
                ModelName: name,
                InstanceType: o.instanceType as never,
                InitialInstanceCount: o.initialInstanceCount,
                InitialVariantWeight: 1,
              },
            ],
            Tags: tags,
          }),
        ),
      isAlreadyExists,
    );
    await callAws(
      this.#caller,
      'CreateEndpoint',
      () => this.#sageMaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name, Tags: tags })),
      isAlreadyExists,
    );
  }

  /** Polls DescribeEndpoint (×1.5 up to 4× pollInterval) until InService; a broken state or the deadline throws. */
  async #waitInService(name: string, signal: AbortSignal | undefined): Promise<void> {
    const { waitTimeout, pollInterval } = this.#options;
    const deadline = this.#now() + waitTimeout;
    let delay = pollInterval;
    for (;;) {
      signal?.throwIfAborted();
      const d = await callAws(
        this.#caller,
        'DescribeEndpoint',
        () => this.#sageMaker.send(new DescribeEndpointCommand({ EndpointName: name })),
        isNotFound,
      );
      const status = d?.EndpointStatus;
      if (status === 'InService') return;
      if (d === undefined) throw new ProviderError(provider, 'DescribeEndpoint', `temporary endpoint ${name} disappeared before InService`);
      if (status !== undefined && brokenStates.has(status))
        throw new ProviderError(
          provider,
          'DescribeEndpoint',
          `temporary endpoint ${name} is ${status}${d.FailureReason ? `: ${d.FailureReason}` : ''}`,
        );
      const left = deadline - this.#now();
      if (left <= 0)
        throw new ProviderError(
          provider,
          'DescribeEndpoint',
          `temporary endpoint ${name} not InService after ${formatDuration(waitTimeout)} (still ${status ?? 'unknown'})`,
        );
      await this.#sleep(Math.min(delay, left));
      delay = Math.min(delay * 1.5, pollInterval * 4);
    }
  }

  /** Deletes endpoint, config and model (each tried; one already gone is fine); returns what is left behind. */
  async #deleteTemporary(name: string): Promise<string[]> {
    const left: string[] = [];
    const steps: [string, string, () => Promise<unknown>][] = [
      ['DeleteEndpoint', 'endpoint', () => this.#sageMaker.send(new DeleteEndpointCommand({ EndpointName: name }))],
      [
        'DeleteEndpointConfig',
        'endpoint config',
        () => this.#sageMaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: name })),
      ],
      ['DeleteModel', 'model', () => this.#sageMaker.send(new DeleteModelCommand({ ModelName: name }))],
    ];
    for (const [operation, what, send] of steps) {
      try {
        await callAws(this.#caller, operation, send, isNotFound);
      } catch (error) {
        left.push(`${what} ${name} (${messageOf(error)})`);
      }
    }
    return left;
  }
}
