import type { ProviderLifecycle } from '@driftwatch/core';
import { isDriftwatchPlugin } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { SageMakerBaselineDataSource } from './baseline/SageMakerBaselineDataSource.js';
import { SageMakerCaptureDataSource } from './capture/SageMakerCaptureDataSource.js';
import { createS3Client, createSageMakerClient } from './client/createClients.js';
import { SageMakerEndpointDeployer } from './deploy/SageMakerEndpointDeployer.js';
import { SageMakerBatchEvaluator } from './evaluate/SageMakerBatchEvaluator.js';
import { SageMakerEndpointEvaluator } from './evaluate/SageMakerEndpointEvaluator.js';
import plugin from './index.js';
import { SageMakerModelRegistry } from './registry/SageMakerModelRegistry.js';
import { S3DataSource } from './s3/S3DataSource.js';
import { SageMakerTrainingProvider } from './training/SageMakerTrainingProvider.js';

const role = 'arn:aws:iam::123456789012:role/R';
const examples: Record<string, [object, abstract new (...args: never) => unknown]> = {
  'TrainingProvider:sagemaker': [{ roleArn: role, image: 'img', outputUri: 's3://bkt/out' }, SageMakerTrainingProvider],
  'ModelRegistry:sagemaker': [{ image: 'img' }, SageMakerModelRegistry],
  'Deployer:sagemaker-endpoint': [{ endpointName: 'ep', roleArn: role, image: 'img' }, SageMakerEndpointDeployer],
  'Evaluator:sagemaker-endpoint': [{ roleArn: role, image: 'img', classes: ['a', 'b', 'c'] }, SageMakerEndpointEvaluator],
  'Evaluator:sagemaker-batch': [{ roleArn: role, image: 'img', workUri: 's3://bkt/eval' }, SageMakerBatchEvaluator],
  'DataSource:sagemaker-capture': [{ uri: 's3://bkt/capture' }, SageMakerCaptureDataSource],
  'DataSource:s3': [{ uri: 's3://bkt/x.csv' }, S3DataSource],
  'DataSource:sagemaker-baseline': [
    { statistics: 's3://bkt/statistics.json', constraints: 'constraints.json' },
    SageMakerBaselineDataSource,
  ],
};

describe('the SageMaker plugin', () => {
  it('declares its eight providers and creates each from parsed options', async () => {
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@driftwatch/plugin-aws-sagemaker');
    expect(plugin.providers.map((p) => `${p.port}:${p.type}`)).toEqual(Object.keys(examples));
    for (const p of plugin.providers) {
      const [options, type] = examples[`${p.port}:${p.type}`]!;
      const made = await p.create(p.options.parse(options), testProviderContext({ baseDir: '.', env: { AWS_REGION: 'eu-west-1' } }));
      expect(made).toBeInstanceOf(type);
      await (made as ProviderLifecycle).shutdown?.({ signal: new AbortController().signal });
    }
  });

  it('fills defaults and reports every broken option with its path', () => {
    const deployer = plugin.providers.find((p) => p.type === 'sagemaker-endpoint')!;
    expect(deployer.options.parse({ endpointName: 'ep', roleArn: role, image: 'img' })).toMatchObject({
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      variantName: 'AllTraffic',
      waitTimeout: 1_800_000,
      pollInterval: 15_000,
    });
    const trainer = plugin.providers.find((p) => p.port === 'TrainingProvider')!;
    const r = trainer.options.safeParse({ roleArn: 'nope', image: 'img', outputUri: 'http://x', maxRuntime: 'long', extra: 1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.') || i.code).sort()).toEqual([
      'maxRuntime',
      'outputUri',
      'roleArn',
      'unrecognized_keys',
    ]);
  });
});

describe('client creation', () => {
  it('resolves the region as option, then AWS_REGION, then AWS_DEFAULT_REGION, and turns SDK retries off', async () => {
    const settings = { maxAttempts: 3, retryBaseDelayMs: 1, retryMaxDelayMs: 1 };
    const sm = createSageMakerClient({ ...settings, region: 'us-west-2' }, { AWS_REGION: 'eu-west-1' });
    expect(await sm.config.region()).toBe('us-west-2');
    expect(await sm.config.maxAttempts()).toBe(1);
    const s3 = createS3Client({ ...settings, forcePathStyle: true }, { AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(await s3.config.region()).toBe('ap-south-1');
    expect(s3.config.forcePathStyle).toBe(true);
    sm.destroy();
    s3.destroy();
  });
});
