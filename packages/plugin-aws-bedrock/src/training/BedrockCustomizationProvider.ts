import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  GetModelCustomizationJobCommand,
  type GetModelCustomizationJobCommandOutput,
  StopModelCustomizationJobCommand,
} from '@aws-sdk/client-bedrock';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type AwsCaller,
  resourceName as bedrockResourceName,
  callAws,
  errorCode,
  type RetrySeams,
  retryPolicyFrom,
  sendAws,
} from '@driftwatch/aws-common';
import {
  ConfigError,
  InputError,
  StateError,
  type TrainingJob,
  type TrainingProvider,
  type TrainingRequest,
  type TrainingStatus,
} from '@driftwatch/core';
import type { BedrockCustomizationOptions } from './bedrockCustomizationOptions.js';
import { customizationStatus } from './customizationStatus.js';

/** Seams for tests and the config's folder. */
export interface BedrockCustomizationDependencies extends RetrySeams {
  /** Folder relative data paths resolve against (default: the cwd). */
  readonly baseDir?: string;
}

/** PutObject's limit: larger local files must be uploaded by other means. */
const maxPutObjectBytes = 5 * 1024 ** 3;

const provider = 'bedrock-customization';

/**
 * Fine-tunes (or continues pre-training of) a Bedrock foundation model with
 * a model customization job. `submit` creates the job and its custom model,
 * both named `<jobPrefix>-<key>`, with the key as the client request token;
 * a job of that name that exists already is returned as is, so a resumed
 * attempt never starts a second job. Bedrock reads training data only from
 * S3: a local `dataUri`/`validationUri` (a JSONL file in Bedrock's
 * customization format) is uploaded under `inputUri` first. `status` maps
 * GetModelCustomizationJob (see {@link customizationStatus}); `cancel`
 * stops the job (a job already ended is left alone).
 */
export class BedrockCustomizationProvider implements TrainingProvider {
  readonly type = provider;
  readonly #client: BedrockClient;
  readonly #s3: S3Client;
  readonly #options: BedrockCustomizationOptions;
  readonly #caller: AwsCaller;
  readonly #baseDir: string;

  constructor(
    client: BedrockClient,
    s3: S3Client,
    options: BedrockCustomizationOptions,
    dependencies: BedrockCustomizationDependencies = {},
  ) {
    this.#client = client;
    this.#s3 = s3;
    this.#options = options;
    this.#baseDir = dependencies.baseDir ?? process.cwd();
    this.#caller = { provider, retry: retryPolicyFrom(options, dependencies) };
  }

  /** Releases the clients' sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#client.destroy();
    this.#s3.destroy();
  }

  /** The job (and custom model) name of an idempotency key. */
  jobName(key: string): string {
    return bedrockResourceName(`${this.#options.jobPrefix}-${key}`);
  }

  async submit(request: TrainingRequest): Promise<TrainingJob> {
    const name = this.jobName(request.key);
    const job = { id: name, provider };
    if (await this.#get(name, true)) return job;
    const training = await this.#inS3(request.dataUri, 'dataUri', request.key);
    const validation =
      request.validationUri === undefined ? undefined : await this.#inS3(request.validationUri, 'validationUri', request.key);
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

  /** `uri` as is when it is `s3://…`; else the local file, uploaded under `inputUri` (one PutObject, at most 5 GB). */
  async #inS3(uri: string, field: 'dataUri' | 'validationUri', key: string): Promise<string> {
    if (/^s3:\/\/[^/\s]+/.test(uri)) return uri;
    const file = localPath(uri, this.#baseDir);
    if (!existsSync(file)) throw new InputError('INPUT_NOT_FOUND', `${file}: ${field} not found`, { location: { file } });
    const root = this.#options.inputUri === undefined ? undefined : /^s3:\/\/([^/]+)\/?(.*)$/.exec(this.#options.inputUri);
    if (!root) {
      throw new ConfigError(
        `bedrock-customization: ${field} ${uri} is a local file, so inputUri (s3://bucket/prefix) is required to upload it (Bedrock reads training data only from S3)`,
        { issues: [{ path: 'inputUri', message: 'required when training data is a local file' }] },
      );
    }
    const { size } = await stat(file);
    if (size > maxPutObjectBytes) {
      throw new InputError(
        'INPUT_UNREADABLE',
        `${file}: ${size} bytes; PutObject uploads at most 5 GB (upload it yourself and pass its s3:// URI)`,
        {
          location: { file },
        },
      );
    }
    const objectKey = [root[2]!, key, field === 'dataUri' ? 'train' : 'validation', basename(file)]
      .map((part) => part.replace(/^\/+|\/+$/g, ''))
      .filter((part) => part.length > 0)
      .join('/');
    await sendAws(this.#caller, 'PutObject', () =>
      this.#s3.send(new PutObjectCommand({ Bucket: root[1]!, Key: objectKey, Body: createReadStream(file), ContentLength: size })),
    );
    return `s3://${root[1]}/${objectKey}`;
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

function localPath(uri: string, baseDir: string): string {
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return isAbsolute(path) ? path : resolve(baseDir, path);
}
