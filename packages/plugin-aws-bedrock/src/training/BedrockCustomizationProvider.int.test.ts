import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { type MotoServer, motoAvailability, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { ConfigError, InputError, ProviderError, type TrainingRequest } from '@driftwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BedrockControlProxy, startBedrockControlProxy } from '../__tests__/bedrockControlProxy.js';
import { noRetry, testControlClients } from '../__tests__/testControlClients.js';
import { BedrockCustomizationProvider } from './BedrockCustomizationProvider.js';
import { bedrockCustomizationOptions } from './bedrockCustomizationOptions.js';

const options = (extra: Record<string, unknown> = {}) =>
  bedrockCustomizationOptions.parse({
    roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomization',
    baseModelIdentifier: 'amazon.titan-text-express-v1',
    outputUri: 's3://tuning/output',
    hyperParameters: { epochCount: '2', learningRate: '0.00001' },
    ...noRetry,
    ...extra,
  });
const request = (key: string, extra: Partial<TrainingRequest> = {}): TrainingRequest => ({
  model: 'support-bot',
  dataUri: 's3://tuning/data/train.jsonl',
  parameters: { epochCount: '3' },
  key,
  ...extra,
});

describe.skipIf(skipWithoutMoto(motoAvailability()))('BedrockCustomizationProvider against moto', () => {
  let moto: MotoServer;
  // moto writes job timestamps in a format the SDK rejects: the proxy fixes them (and scripts job ends).
  let proxy: BedrockControlProxy;
  beforeAll(async () => {
    moto = await startMotoServer();
    proxy = await startBedrockControlProxy(moto.endpoint);
    await testControlClients(moto.endpoint).s3.send(new CreateBucketCommand({ Bucket: 'tuning' }));
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });
  const baseDir = mkdtempSync(join(tmpdir(), 'dw-bedrock-tuning-'));
  const trainer = (extra?: Record<string, unknown>) =>
    new BedrockCustomizationProvider(testControlClients(proxy.endpoint).bedrock, testControlClients(moto.endpoint).s3, options(extra), {
      baseDir,
    });
  const getJob = (name: string) =>
    testControlClients(proxy.endpoint).bedrock.send(new GetModelCustomizationJobCommand({ jobIdentifier: name }));

  it('creates a customization job with the data, merged hyperparameters and tags; it runs', async () => {
    const t = trainer();
    const job = await t.submit(request('attempt-1', { validationUri: 's3://tuning/data/validation.jsonl' }));
    expect(job).toEqual({ id: 'driftwatch-attempt-1', provider: 'bedrock-customization' });
    const d = await getJob('driftwatch-attempt-1');
    expect(d).toMatchObject({
      jobName: 'driftwatch-attempt-1',
      outputModelName: 'driftwatch-attempt-1-driftwatch-attempt-1',
      roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomization',
      customizationType: 'FINE_TUNING',
      clientRequestToken: 'attempt-1',
      hyperParameters: { epochCount: '3', learningRate: '0.00001' },
      trainingDataConfig: { s3Uri: 's3://tuning/data/train.jsonl' },
      validationDataConfig: { validators: [{ s3Uri: 's3://tuning/data/validation.jsonl' }] },
      outputDataConfig: { s3Uri: 's3://tuning/output' },
    });
    expect(d.baseModelArn).toMatch(/foundation-model\/amazon\.titan-text-express-v1$/);
    expect(await t.status(job)).toEqual({ state: 'running' });
  });

  it('submitting the same key again returns the same job without creating another', async () => {
    const t = trainer();
    const first = await t.submit(request('attempt-2'));
    const again = await t.submit(request('attempt-2', { dataUri: 's3://tuning/other.jsonl' }));
    expect(again).toEqual(first);
    expect((await getJob(first.id)).trainingDataConfig).toEqual({ s3Uri: 's3://tuning/data/train.jsonl' });
  });

  it('cancel stops the job, and status then says stopped', async () => {
    const t = trainer({ jobPrefix: 'cancel' });
    const job = await t.submit(request('attempt-3'));
    await t.cancel(job);
    expect((await getJob(job.id)).status).toBe('Stopped');
    expect(await t.status(job)).toEqual({ state: 'stopped', reason: 'customization job cancel-attempt-3 was stopped' });
  });

  it('a completed job succeeds with the custom model ARN as the artifact; a failed one carries the failure message', async () => {
    const t = trainer({ jobPrefix: 'ends' });
    const done = await t.submit(request('attempt-5'));
    const failed = await t.submit(request('attempt-6'));
    const arn = (await getJob(done.id)).outputModelArn!;
    proxy.override(done.id, { status: 'Completed' });
    proxy.override(failed.id, { status: 'Failed', failureMessage: 'Training data has 12 invalid records' });
    expect(await t.status(done)).toEqual({ state: 'succeeded', artifactUri: arn });
    expect(arn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:custom-model\/ends-attempt-5/);
    expect(await t.status(failed)).toEqual({ state: 'failed', reason: 'Training data has 12 invalid records' });
  });

  it('uploads local training and validation files under inputUri, then trains on them', async () => {
    const train = '{"prompt": "How do I reset my password?", "completion": "Open Settings, then Reset."}\n';
    writeFileSync(join(baseDir, 'train.jsonl'), train);
    writeFileSync(join(baseDir, 'validation.jsonl'), '{"prompt": "Refund?", "completion": "Within 30 days."}\n');
    const t = trainer({ jobPrefix: 'upload', inputUri: 's3://tuning/inputs/' });
    const job = await t.submit(request('attempt-7', { dataUri: 'train.jsonl', validationUri: join(baseDir, 'validation.jsonl') }));
    const d = await getJob(job.id);
    expect(d.trainingDataConfig).toEqual({ s3Uri: 's3://tuning/inputs/attempt-7/train/train.jsonl' });
    expect(d.validationDataConfig).toEqual({ validators: [{ s3Uri: 's3://tuning/inputs/attempt-7/validation/validation.jsonl' }] });
    const object = await testControlClients(moto.endpoint).s3.send(
      new GetObjectCommand({ Bucket: 'tuning', Key: 'inputs/attempt-7/train/train.jsonl' }),
    );
    expect(await object.Body!.transformToString()).toBe(train);
  });

  it('local data without inputUri is a ConfigError, a missing file an InputError, before any job exists; an unknown job is a ProviderError', async () => {
    writeFileSync(join(baseDir, 'here.jsonl'), '{}\n');
    const t = trainer({ jobPrefix: 'local' });
    const error = await t.submit(request('attempt-4', { dataUri: 'here.jsonl' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /dataUri here\.jsonl is a local file, so inputUri \(s3:\/\/bucket\/prefix\) is required/,
    );
    const missing = await trainer({ jobPrefix: 'local', inputUri: 's3://tuning/in' })
      .submit(request('attempt-4', { dataUri: 'nowhere.jsonl' }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).message).toBe(`${join(baseDir, 'nowhere.jsonl')}: dataUri not found`);
    await expect(getJob('local-attempt-4')).rejects.toThrow(/not found/);
    const unknown = await t.status({ id: 'never-created', provider: 'bedrock-customization' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ProviderError);
    expect((unknown as ProviderError).message).toMatch(/^bedrock-customization GetModelCustomizationJob: ResourceNotFoundException/);
  });
});

describe('bedrockCustomizationOptions', () => {
  it('names the path of each problem and rejects unknown keys', () => {
    const result = bedrockCustomizationOptions.safeParse({ roleArn: 'role', baseModelIdentifier: 'm', outputUri: 'bucket/x', epochs: 3 });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.') || issue.message);
    expect(paths).toContain('roleArn');
    expect(paths).toContain('outputUri');
    expect(result.error!.issues.some((issue) => issue.code === 'unrecognized_keys')).toBe(true);
  });
});
