import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { ConfigError, InputError, ProviderError } from '@driftwatch/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import type { SageMakerReply } from '../__tests__/sageMakerWireServer.js';
import { noRetry, testSageMakerClient } from '../__tests__/testClients.js';
import { sageMakerTrainingOptions } from '../options/sageMakerTrainingOptions.js';
import { SageMakerTrainingProvider } from './SageMakerTrainingProvider.js';

describeWithMoto('SageMakerTrainingProvider against moto', (aws) => {
  let dir: string;
  /** Replies by job name, for what moto cannot produce (Failed, Stopped, InProgress, StopTrainingJob). */
  const scripted = new Map<string, (op: string) => SageMakerReply | undefined>();

  aws.useWire((call) => scripted.get(call.input.TrainingJobName)?.(call.operation));
  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'train-bucket' }));
    dir = mkdtempSync(join(tmpdir(), 'dw-sm-train-'));
    writeFileSync(join(dir, 'train.csv'), 'y,x\n1,2\n0,3\n');
    writeFileSync(join(dir, 'holdout.csv'), 'y,x\n1,5\n');
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const provider = (extra: Record<string, unknown> = {}) =>
    new SageMakerTrainingProvider(
      testSageMakerClient(aws.wire.endpoint),
      aws.s3,
      sageMakerTrainingOptions.parse({
        roleArn: 'arn:aws:iam::123456789012:role/Trainer',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1',
        outputUri: 's3://train-bucket/models',
        inputUri: 's3://train-bucket/inputs/',
        hyperparameters: { epochs: '5', depth: '3' },
        maxRuntime: '2h',
        ...extra,
        ...noRetry,
      }),
      { baseDir: dir },
    );
  const request = (key: string) => ({
    model: 'churn',
    dataUri: 'train.csv',
    validationUri: join(dir, 'holdout.csv'),
    parameters: { depth: '7' },
    key,
  });
  const objectText = async (key: string) =>
    (await aws.s3.send(new GetObjectCommand({ Bucket: 'train-bucket', Key: key }))).Body!.transformToString();

  it('uploads local files as channels, creates the job and reports its artifact once Completed', async () => {
    const trainer = provider();
    const job = await trainer.submit(request('attempt-1'));
    expect(job).toMatchObject({ id: 'driftwatch-attempt-1', provider: 'sagemaker' });
    expect(job.logUri).toContain('region=us-east-1#logStream:group=/aws/sagemaker/TrainingJobs;prefix=driftwatch-attempt-1/');
    expect(await objectText('inputs/attempt-1/train/train.csv')).toBe('y,x\n1,2\n0,3\n');
    expect(await objectText('inputs/attempt-1/validation/holdout.csv')).toBe('y,x\n1,5\n');

    const create = aws.wire.calls.find((c) => c.operation === 'CreateTrainingJob' && c.input.TrainingJobName === 'driftwatch-attempt-1')!;
    expect(create.input).toMatchObject({
      RoleArn: 'arn:aws:iam::123456789012:role/Trainer',
      AlgorithmSpecification: { TrainingImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1', TrainingInputMode: 'File' },
      HyperParameters: { epochs: '5', depth: '7' },
      OutputDataConfig: { S3OutputPath: 's3://train-bucket/models' },
      ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 7200 },
    });
    expect(create.input.InputDataConfig).toEqual([
      expect.objectContaining({
        ChannelName: 'train',
        ContentType: 'text/csv',
        DataSource: { S3DataSource: expect.objectContaining({ S3Uri: 's3://train-bucket/inputs/attempt-1/train/train.csv' }) },
      }),
      expect.objectContaining({
        ChannelName: 'validation',
        DataSource: { S3DataSource: expect.objectContaining({ S3Uri: 's3://train-bucket/inputs/attempt-1/validation/holdout.csv' }) },
      }),
    ]);
    // moto completes a job at once.
    expect(await trainer.status(job)).toMatchObject({
      state: 'succeeded',
      artifactUri: 's3://train-bucket/models/driftwatch-attempt-1/output/model.tar.gz',
    });
  });

  it('starts one job per key: a second start returns the existing job without uploading again', async () => {
    const trainer = provider();
    const first = await trainer.submit(request('attempt-2'));
    const before = aws.wire.operations().length;
    const again = await trainer.submit(request('attempt-2'));
    expect(again.id).toBe(first.id);
    expect(aws.wire.operations().slice(before)).toEqual(['DescribeTrainingJob']);
  });

  it('returns the job another start created first (ResourceInUse)', async () => {
    let describes = 0;
    scripted.set('driftwatch-race', (op) => {
      if (op === 'DescribeTrainingJob') {
        return ++describes === 1
          ? { error: 'ValidationException', message: "Could not find training job 'driftwatch-race'." }
          : { body: { TrainingJobName: 'driftwatch-race', TrainingJobStatus: 'InProgress', SecondaryStatus: 'Training' } };
      }
      if (op === 'CreateTrainingJob')
        return { error: 'ResourceInUse', message: 'Training job names must be unique; a training job with this name already exists' };
      return undefined;
    });
    const trainer = provider();
    const job = await trainer.submit({ model: 'churn', dataUri: 's3://train-bucket/ready/train.csv', parameters: {}, key: 'race' });
    expect(job.id).toBe('driftwatch-race');
    expect(await trainer.status(job)).toMatchObject({ state: 'running' });
  });

  it('maps Failed (with FailureReason), Stopped, Starting and stops a job on cancel', async () => {
    const describe = (body: object) => (op: string) =>
      op === 'DescribeTrainingJob' ? { body } : op === 'StopTrainingJob' ? { body: {} } : undefined;
    scripted.set('job-failed', describe({ TrainingJobStatus: 'Failed', FailureReason: 'AlgorithmError: out of memory' }));
    scripted.set(
      'job-stopped',
      describe({ TrainingJobName: 'job-stopped', TrainingJobStatus: 'Stopped', SecondaryStatus: 'MaxRuntimeExceeded' }),
    );
    scripted.set('job-starting', describe({ TrainingJobStatus: 'InProgress', SecondaryStatus: 'Starting' }));
    const trainer = provider();
    const job = (id: string) => ({ id, provider: 'sagemaker' });
    expect(await trainer.status(job('job-failed'))).toMatchObject({ state: 'failed', reason: 'AlgorithmError: out of memory' });
    const stopped = await trainer.status(job('job-stopped'));
    expect(stopped.state).toBe('stopped');
    expect(stopped.reason).toContain('MaxRuntimeExceeded');
    expect(await trainer.status(job('job-starting'))).toMatchObject({ state: 'pending' });

    await trainer.cancel(job('job-starting'));
    expect(aws.wire.calls.at(-1)).toEqual({ operation: 'StopTrainingJob', input: { TrainingJobName: 'job-starting' } });
  });

  it('treats cancelling a finished job as done, and wraps other failures as ProviderError', async () => {
    scripted.set('job-done', (op) =>
      op === 'StopTrainingJob'
        ? { error: 'ValidationException', message: 'The request was rejected because the training job is in status Completed.' }
        : undefined,
    );
    scripted.set('job-denied', (op) =>
      op === 'StopTrainingJob' ? { error: 'AccessDeniedException', message: 'not allowed', status: 403 } : undefined,
    );
    const trainer = provider();
    await expect(trainer.cancel({ id: 'job-done', provider: 'sagemaker' })).resolves.toBeUndefined();
    const error = await trainer.cancel({ id: 'job-denied', provider: 'sagemaker' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'sagemaker', operation: 'StopTrainingJob' });
    expect((error as Error).message).toContain('not allowed');
  });

  it('names jobs of long keys within 63 characters, keeping distinct keys distinct', () => {
    const trainer = provider();
    const a = trainer.jobName(`${'k'.repeat(70)}-a`);
    const b = trainer.jobName(`${'k'.repeat(70)}-b`);
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/);
    expect(a).not.toBe(b);
  });

  it('rejects a missing local file and a local file without inputUri', async () => {
    await expect(provider().submit({ ...request('attempt-3'), dataUri: 'missing.csv' })).rejects.toBeInstanceOf(InputError);
    await expect(provider({ inputUri: undefined }).submit(request('attempt-4'))).rejects.toBeInstanceOf(ConfigError);
  });
});
