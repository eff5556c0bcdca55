import { existsSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type Channel,
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient,
  StopTrainingJobCommand,
} from '@aws-sdk/client-sagemaker';
import { type AwsCaller, callAws, errorCode, type RetrySeams, resourceName, retryPolicyFrom } from '@driftwatch/aws-common';
import {
  ConfigError,
  InputError,
  StateError,
  type TrainingJob,
  type TrainingProvider,
  type TrainingRequest,
  type TrainingStatus,
} from '@driftwatch/core';
import { isAlreadyExists, isNotFound } from '../client/awsErrors.js';
import type { SageMakerTrainingOptions } from '../options/sageMakerTrainingOptions.js';
import { uploadFile } from '../s3/objectIo.js';
import { joinKey, parseS3Uri, s3Uri } from '../s3/parseS3Uri.js';
import { trainingLogUri } from './trainingLogUri.js';

/** Seams for tests and the config's folder. */
export interface SageMakerTrainingDependencies extends RetrySeams {
  /** Folder relative data paths resolve against (default: the cwd). */
  readonly baseDir?: string;
}

const provider = 'sagemaker';

/**
 * Runs training as SageMaker training jobs. `start` uploads local training
 * and validation files to `inputUri` (one PutObject each, so at most 5 GB
 * per file), then creates the job `<jobPrefix>-<key>`; a job of that name
 * that exists already is returned as is, so a resumed attempt never starts a
 * second job. `status` maps DescribeTrainingJob; `cancel` stops the job.
 */
export class SageMakerTrainingProvider implements TrainingProvider {
  readonly type = provider;
  readonly #sageMaker: SageMakerClient;
  readonly #s3: S3Client;
  readonly #options: SageMakerTrainingOptions;
  readonly #baseDir: string;
  readonly #caller: AwsCaller;

  constructor(
    sageMaker: SageMakerClient,
    s3: S3Client,
    options: SageMakerTrainingOptions,
    dependencies: SageMakerTrainingDependencies = {},
  ) {
    this.#sageMaker = sageMaker;
    this.#s3 = s3;
    this.#options = options;
    this.#baseDir = dependencies.baseDir ?? process.cwd();
    this.#caller = { provider, retry: retryPolicyFrom(options, dependencies) };
  }

  /** Releases the SageMaker and S3 clients' sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#sageMaker.destroy();
    this.#s3.destroy();
  }

  /** The job name of an idempotency key: `<jobPrefix>-<key>`, cut to 63 characters with a hash suffix when needed. */
  jobName(key: string): string {
    return resourceName(`${this.#options.jobPrefix}-${key}`);
  }

  async submit(request: TrainingRequest): Promise<TrainingJob> {
    const name = this.jobName(request.key);
    const job = { id: name, provider, logUri: await this.#logUri(name) };
    if (await this.#describe(name, true)) return job;
    const channels: Channel[] = [await this.#channel('train', request.dataUri, request.key)];
    if (request.validationUri !== undefined) channels.push(await this.#channel('validation', request.validationUri, request.key));
    const o = this.#options;
    const created = await callAws(
      this.#caller,
      'CreateTrainingJob',
      () =>
        this.#sageMaker.send(
          new CreateTrainingJobCommand({
            TrainingJobName: name,
            RoleArn: o.roleArn,
            AlgorithmSpecification: { TrainingImage: o.image, TrainingInputMode: 'File' },
            HyperParameters: { ...o.hyperparameters, ...request.parameters },
            InputDataConfig: channels,
            OutputDataConfig: { S3OutputPath: o.outputUri },
            ResourceConfig: { InstanceType: o.instanceType as never, InstanceCount: o.instanceCount, VolumeSizeInGB: o.volumeSizeGb },
            StoppingCondition: { MaxRuntimeInSeconds: Math.ceil(o.maxRuntime / 1000) },
            Tags: [
              { Key: 'driftwatch:model', Value: request.model.slice(0, 256) },
              { Key: 'driftwatch:key', Value: request.key.slice(0, 256) },
            ],
          }),
        ),
      // Another start with this key won the race: its job is this attempt's job.
      isAlreadyExists,
    );
    if (created === undefined && !(await this.#describe(name, true))) {
      throw new StateError('STATE_CONFLICT', `training job ${name} is reported to exist but cannot be described`);
    }
    return job;
  }

  async status(job: TrainingJob): Promise<TrainingStatus> {
    const d = (await this.#describe(job.id, false))!;
    const logUri = job.logUri ?? (await this.#logUri(job.id));
    switch (d.TrainingJobStatus) {
      case 'Completed':
        return { state: 'succeeded', artifactUri: d.ModelArtifacts?.S3ModelArtifacts, logUri };
      case 'Failed':
        return { state: 'failed', reason: d.FailureReason ?? `training job ${job.id} failed (no FailureReason)`, logUri };
      case 'Stopping':
      case 'Stopped':
        return { state: 'stopped', reason: stoppedReason(d), logUri };
      default:
        // InProgress: `Starting` means no instance runs yet.
        return { state: d.SecondaryStatus === 'Starting' ? 'pending' : 'running', logUri };
    }
  }

  async cancel(job: TrainingJob): Promise<void> {
    // Stopping a job that already ended is a ValidationException about its status: nothing to cancel.
    await callAws(
      this.#caller,
      'StopTrainingJob',
      () => this.#sageMaker.send(new StopTrainingJobCommand({ TrainingJobName: job.id })),
      (error) => errorCode(error) === 'ValidationException' && /status|stopp|complete|fail/i.test((error as Error).message),
    );
  }

  async #describe(name: string, missingOk: boolean): Promise<DescribeTrainingJobCommandOutput | undefined> {
    return callAws(
      this.#caller,
      'DescribeTrainingJob',
      () => this.#sageMaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name })),
      missingOk ? isNotFound : undefined,
    );
  }

  /** An S3 channel for `uri`: used as is when it is `s3://…`, else the local file is uploaded under `inputUri`. */
  async #channel(channel: 'train' | 'validation', uri: string, key: string): Promise<Channel> {
    let source = uri;
    if (parseS3Uri(uri) === undefined) {
      const file = localPath(uri, this.#baseDir);
      const field = channel === 'train' ? 'dataUri' : 'validationUri';
      if (!existsSync(file)) throw new InputError('INPUT_NOT_FOUND', `${file}: ${field} not found`, { location: { file } });
      const root = this.#options.inputUri === undefined ? undefined : parseS3Uri(this.#options.inputUri);
      if (root === undefined) {
        throw new ConfigError(
          `sagemaker training: ${field} ${uri} is a local file, so inputUri (s3://bucket/prefix) is required to upload it`,
          {
            issues: [{ path: 'inputUri', message: 'required when training data is a local file' }],
          },
        );
      }
      const target = { bucket: root.bucket, key: joinKey(root.key, key, channel, basename(file)) };
      await uploadFile(this.#s3, this.#caller, file, target);
      source = s3Uri(target);
    }
    return {
      ChannelName: channel,
      ContentType: this.#options.contentType,
      InputMode: 'File',
      CompressionType: 'None',
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: source, S3DataDistributionType: 'FullyReplicated' } },
    };
  }

  async #logUri(name: string): Promise<string | undefined> {
    try {
      return trainingLogUri(await this.#sageMaker.config.region(), name);
    } catch {
      return undefined;
    }
  }
}

function localPath(uri: string, baseDir: string): string {
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function stoppedReason(d: DescribeTrainingJobCommandOutput): string {
  const last = d.SecondaryStatusTransitions?.at(-1);
  const detail = d.FailureReason ?? last?.StatusMessage;
  return (
    `training job ${d.TrainingJobName} ${d.TrainingJobStatus === 'Stopping' ? 'is stopping' : 'was stopped'}` +
    `${d.SecondaryStatus && d.SecondaryStatus !== 'Stopped' && d.SecondaryStatus !== 'Stopping' ? ` (${d.SecondaryStatus})` : ''}` +
    `${detail ? `: ${detail}` : ''}`
  );
}
