import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateTransformJobCommand,
  DeleteModelCommand,
  DescribeTransformJobCommand,
  type SageMakerClient,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { type AwsCaller, callAws, resourceName, retryPolicyFrom, sendAws } from '@driftwatch/aws-common';
import { type EvaluationSet, type Evaluator, formatDuration, type ModelVersion, type Predictions, ProviderError } from '@driftwatch/core';
import { isAlreadyExists, isNotFound } from '../client/awsErrors.js';
import { type PollingSeams, timerSleep } from '../client/pollingSeams.js';
import type { SageMakerBatchEvaluatorOptions } from '../options/sageMakerBatchEvaluatorOptions.js';
import { getObjectText } from '../s3/objectIo.js';
import { joinKey, parseS3Uri, s3Uri } from '../s3/parseS3Uri.js';
import { assemblePredictions } from './assemblePredictions.js';
import { createVersionModel, messageOf } from './createVersionModel.js';
import { parseInferenceResponse, responseFormat } from './parseInferenceResponse.js';
import { readEvaluationSet } from './readHoldoutRows.js';

/** Seams for tests: waiting between DescribeTransformJob polls and retries, and the clock. */
export type SageMakerBatchEvaluatorDependencies = PollingSeams;

const provider = 'sagemaker-batch';

/**
 * Scores a registered model version on the holdout with a SageMaker batch transform job: the
 * holdout's rows (label and `dropColumns` taken out, no header) are uploaded as one CSV object,
 * a model is created from the version's artifact, and `CreateTransformJob` runs it over the object
 * with `SplitType: Line`, `BatchStrategy: MultiRecord` and `AssembleWith: Line`, so the output
 * object `<input name>.out` holds one answer line per input line, in order: the answers are joined
 * back to the rows by position (and their count checked). Answers are read as CSV or JSON Lines
 * ({@link parseInferenceResponse}), then assembled like the endpoint evaluator's.
 *
 * The job is named after the model, the version and a hash of the rows sent, so an attempt resumed
 * after a crash finds its job (`DescribeTransformJob`) and waits for it instead of starting another.
 * The model is deleted afterwards (a failed delete is ignored: a model costs nothing). A `Failed` or
 * `Stopped` job, or one not done by `waitTimeout` (then stopped), is a {@link ProviderError} naming
 * the job and SageMaker's `FailureReason` (exit 4).
 */
export class SageMakerBatchEvaluator implements Evaluator {
  readonly type = provider;
  readonly #sageMaker: SageMakerClient;
  readonly #s3: S3Client;
  readonly #options: SageMakerBatchEvaluatorOptions;
  readonly #caller: AwsCaller;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(
    sageMaker: SageMakerClient,
    s3: S3Client,
    options: SageMakerBatchEvaluatorOptions,
    dependencies: SageMakerBatchEvaluatorDependencies = {},
  ) {
    this.#sageMaker = sageMaker;
    this.#s3 = s3;
    this.#options = options;
    this.#sleep = dependencies.sleep ?? timerSleep;
    this.#now = dependencies.now ?? Date.now;
    this.#caller = { provider, retry: retryPolicyFrom(options, { sleep: this.#sleep, random: dependencies.random }) };
  }

  /** Releases the clients' sockets (the runtime calls it when the command ends). Idempotent. */
  shutdown(): void {
    this.#sageMaker.destroy();
    this.#s3.destroy();
  }

  async predict(version: ModelVersion, set: EvaluationSet, options: { readonly signal?: AbortSignal } = {}): Promise<Predictions> {
    const { signal } = options;
    const o = this.#options;
    const holdout = await readEvaluationSet(set, o.dropColumns);
    const body = holdout.lines.join('');
    const digest = createHash('sha256').update(body).digest('hex').slice(0, 8);
    const name = resourceName(`${o.jobPrefix}-${version.model}-v${version.version}-${digest}`);
    const work = parseS3Uri(o.workUri) as { bucket: string; key: string };
    const input = { bucket: work.bucket, key: joinKey(work.key, name, 'input', 'holdout.csv') };
    const outputPrefix = { bucket: work.bucket, key: joinKey(work.key, name, 'output') };

    try {
      const existing = await callAws(
        this.#caller,
        'DescribeTransformJob',
        () => this.#sageMaker.send(new DescribeTransformJobCommand({ TransformJobName: name })),
        isNotFound,
      );
      if (existing === undefined) {
        await sendAws(this.#caller, 'PutObject', () =>
          this.#s3.send(
            new PutObjectCommand({ Bucket: input.bucket, Key: input.key, Body: Buffer.from(body, 'utf8'), ContentType: 'text/csv' }),
          ),
        );
        await this.#createModel(name, version);
        await callAws(
          this.#caller,
          'CreateTransformJob',
          () =>
            this.#sageMaker.send(
              new CreateTransformJobCommand({
                TransformJobName: name,
                ModelName: name,
                BatchStrategy: 'MultiRecord',
                MaxPayloadInMB: o.maxPayloadMb,
                TransformInput: {
                  DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: s3Uri(input) } },
                  ContentType: 'text/csv',
                  SplitType: 'Line',
                  CompressionType: 'None',
                },
                TransformOutput: { S3OutputPath: s3Uri(outputPrefix), Accept: o.accept, AssembleWith: 'Line' },
                TransformResources: { InstanceType: o.instanceType as never, InstanceCount: o.instanceCount },
                Tags: [
                  { Key: 'driftwatch:model', Value: version.model.slice(0, 256) },
                  { Key: 'driftwatch:version', Value: version.version.slice(0, 256) },
                  { Key: 'driftwatch:purpose', Value: 'evaluation' },
                ],
              }),
            ),
          isAlreadyExists,
        );
      }
      await this.#waitDone(name, signal);
      const output = { bucket: outputPrefix.bucket, key: joinKey(outputPrefix.key, 'holdout.csv.out') };
      const text = await getObjectText(this.#s3, this.#caller, output);
      const where = `transform job ${name} (${s3Uri(output)})`;
      let rows: ReturnType<typeof parseInferenceResponse>;
      try {
        rows = parseInferenceResponse(text, responseFormat(o.accept) ?? 'csv', o.classes?.length, o.singleValue);
      } catch (error) {
        throw new ProviderError(provider, 'GetObject', `${where}: cannot read the answers: ${messageOf(error)}`, { cause: error });
      }
      if (rows.length !== holdout.lines.length)
        throw new ProviderError(provider, 'GetObject', `${where}: ${rows.length} answer lines for ${holdout.lines.length} holdout rows`);
      try {
        return assemblePredictions(rows, o.classes);
      } catch (error) {
        throw new ProviderError(provider, 'GetObject', `${where}: ${messageOf(error)}`, { cause: error });
      }
    } finally {
      await callAws(
        this.#caller,
        'DeleteModel',
        () => this.#sageMaker.send(new DeleteModelCommand({ ModelName: name })),
        () => true,
      );
    }
  }

  #createModel(name: string, version: ModelVersion): Promise<void> {
    return createVersionModel(this.#caller, this.#sageMaker, this.#options, name, version);
  }

  /** Polls DescribeTransformJob (×1.5 up to 4× pollInterval) until Completed; Failed, Stopped or the deadline throws. */
  async #waitDone(name: string, signal: AbortSignal | undefined): Promise<void> {
    const { waitTimeout, pollInterval } = this.#options;
    const deadline = this.#now() + waitTimeout;
    let delay = pollInterval;
    for (;;) {
      signal?.throwIfAborted();
      const d = await sendAws(this.#caller, 'DescribeTransformJob', () =>
        this.#sageMaker.send(new DescribeTransformJobCommand({ TransformJobName: name })),
      );
      const status = d.TransformJobStatus;
      if (status === 'Completed') return;
      if (status === 'Failed' || status === 'Stopped')
        throw new ProviderError(
          provider,
          'DescribeTransformJob',
          `transform job ${name} is ${status}${d.FailureReason ? `: ${d.FailureReason}` : ''}`,
        );
      const left = deadline - this.#now();
      if (left <= 0) {
        await callAws(
          this.#caller,
          'StopTransformJob',
          () => this.#sageMaker.send(new StopTransformJobCommand({ TransformJobName: name })),
          () => true,
        );
        throw new ProviderError(
          provider,
          'DescribeTransformJob',
          `transform job ${name} not done after ${formatDuration(waitTimeout)} (still ${status ?? 'unknown'}); stopped it`,
        );
      }
      await this.#sleep(Math.min(delay, left));
      delay = Math.min(delay * 1.5, pollInterval * 4);
    }
  }
}
