import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  GetModelCustomizationJobCommand,
  type GetModelCustomizationJobCommandOutput,
  StopModelCustomizationJobCommand,
} from '@aws-sdk/client-bedrock';
import { errorCode, type RetrySeams, retryPolicyFrom } from '@driftwatch/aws-common';
import {
  ConfigError,
  StateError,
  type TrainingJob,
  type TrainingProvider,
  type TrainingRequest,
  type TrainingStatus,
} from '@driftwatch/core';
import { type AwsCaller, callAws } from '../aws/callAws.js';
import type { BedrockCustomizationOptions } from './bedrockCustomizationOptions.js';
import { bedrockResourceName } from './bedrockResourceName.js';
import { customizationStatus } from './customizationStatus.js';

/** Seams for tests: waiting between retries and their jitter. */
export type BedrockCustomizationDependencies = RetrySeams;

const provider = 'bedrock-customization';

/**
 * Fine-tunes (or continues pre-training of) a Bedrock foundation model with
 * a model customization job. `submit` creates the job and its custom model,
 * both named `<jobPrefix>-<key>`, with the key as the client request token;
 * a job of that name that exists already is returned as is, so a resumed
 * attempt never starts a second job. Training and validation data must be
 * in S3 (Bedrock reads only from there). `status` maps
 * GetModelCustomizationJob (see {@link customizationStatus}); `cancel`
 * stops the job (a job already ended is left alone).
 */
export class BedrockCustomizationProvider implements TrainingProvider {
  readonly type = provider;
  readonly #client: BedrockClient;
  readonly #options: BedrockCustomizationOptions;
  readonly #caller: AwsCaller;

  constructor(client: BedrockClient, options: BedrockCustomizationOptions, dependencies: BedrockCustomizationDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#caller = { provider, retry: retryPolicyFrom(options, dependencies) };
  }

  /** Releases the client's sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#client.destroy();
  }

  /** The job (and custom model) name of an idempotency key. */
  jobName(key: string): string {
    return bedrockResourceName(`${this.#options.jobPrefix}-${key}`);
  }

  async submit(request: TrainingRequest): Promise<TrainingJob> {
    const name = this.jobName(request.key);
    const job = { id: name, provider };
    if (await this.#get(name, true)) return job;
    const training = s3Only(request.dataUri, 'dataUri');
    const validation = request.validationUri === undefined ? undefined : s3Only(request.validationUri, 'validationUri');
    const o = this.#options;
    const created = await callAws(
      this.#caller,
      'CreateModelCustomizationJob',
      () =>
        this.#client.send(
          new CreateModelCustomizationJobCommand({
            jobName: name,
            customModelName: name,
            roleArn: o.roleArn,
            clientRequestToken: request.key.slice(0, 256),
            baseModelIdentifier: o.baseModelIdentifier,
            customizationType: o.customizationType,
            hyperParameters: { ...o.hyperParameters, ...request.parameters },
            trainingDataConfig: { s3Uri: training },
            ...(validation !== undefined && { validationDataConfig: { validators: [{ s3Uri: validation }] } }),
            outputDataConfig: { s3Uri: o.outputUri },
            jobTags: [
              { key: 'driftwatch:model', value: request.model.slice(0, 256) },
              { key: 'driftwatch:key', value: request.key.slice(0, 256) },
            ],
          }),
        ),
      // Another start with this key won the race: its job is this attempt's job.
      (error) => errorCode(error) === 'ResourceInUseException' || errorCode(error) === 'ResourceInUse',
    );
    if (created === undefined && !(await this.#get(name, true))) {
      throw new StateError(
        'STATE_CONFLICT',
        `customization job ${name} or its custom model is reported to exist but the job cannot be read`,
      );
    }
    return job;
  }

  async status(job: TrainingJob): Promise<TrainingStatus> {
    return customizationStatus((await this.#get(job.id, false))!);
  }

  async cancel(job: TrainingJob): Promise<void> {
    // Stopping a job that already ended is a ValidationException about its status: nothing to cancel.
    await callAws(
      this.#caller,
      'StopModelCustomizationJob',
      () => this.#client.send(new StopModelCustomizationJobCommand({ jobIdentifier: job.id })),
      (error) => errorCode(error) === 'ValidationException' && /status|stopp|complete|fail/i.test((error as Error).message),
    );
  }

  async #get(name: string, missingOk: boolean): Promise<GetModelCustomizationJobCommandOutput | undefined> {
    return callAws(
      this.#caller,
      'GetModelCustomizationJob',
      () => this.#client.send(new GetModelCustomizationJobCommand({ jobIdentifier: name })),
      missingOk ? (error) => errorCode(error) === 'ResourceNotFoundException' || errorCode(error) === 'ResourceNotFound' : undefined,
    );
  }
}

function s3Only(uri: string, field: 'dataUri' | 'validationUri'): string {
  if (/^s3:\/\/[^/\s]+/.test(uri)) return uri;
  throw new ConfigError(
    `bedrock-customization: ${field} ${uri} is not in S3; Bedrock model customization reads training data only from s3:// URIs`,
    {
      issues: [{ path: field, message: 'an s3:// URI' }],
    },
  );
}
