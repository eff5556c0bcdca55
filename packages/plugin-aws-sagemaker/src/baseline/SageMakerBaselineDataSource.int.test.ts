import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { InputError } from '@driftwatch/core';
import { attachedModelMonitorBaseline } from '@driftwatch/drift';
import { beforeAll, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { noRetry } from '../__tests__/testClients.js';
import { sageMakerBaselineOptions } from '../options/sageMakerBaselineOptions.js';
import { SageMakerBaselineDataSource } from './SageMakerBaselineDataSource.js';

const fixtures = new URL('../../../drift/src/modelMonitor/__fixtures__/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

describeWithMoto('SageMakerBaselineDataSource against moto S3', (aws) => {
  beforeAll(async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'baselines' }));
    const put = (key: string, body: string) => aws.s3.send(new PutObjectCommand({ Bucket: 'baselines', Key: key, Body: body }));
    await put('m/statistics.json', fixture('documented-statistics.json'));
    await put('m/constraints.json', fixture('documented-constraints.json'));
    await put('m/bad-constraints.json', fixture('documented-constraints.json').replace('"completeness": 0.9', '"completeness": 9'));
  });

  const source = (options: Record<string, unknown>) =>
    new SageMakerBaselineDataSource(() => aws.s3, sageMakerBaselineOptions.parse({ ...options, ...noRetry }), fixtures.pathname);

  it('reads both files from S3 into a reference frame that carries the baseline', async () => {
    const s = source({ statistics: 's3://baselines/m/statistics.json', constraints: 's3://baselines/m/constraints.json', output: 'out' });
    expect((await s.inferSchema()).columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'age:numeric',
      'income:numeric',
      'plan:categorical',
    ]);
    const frame = await s.read();
    expect(frame.rowCount).toBe(10);
    const baseline = attachedModelMonitorBaseline(frame)!;
    expect(baseline.constraints.features.map((f) => f.name)).toEqual(['age', 'income', 'plan']);
    expect(baseline.outputDir).toBe(`${fixtures.pathname}out`);
  });

  it('mixes S3 and local files (relative to the config folder)', async () => {
    const frame = await source({ statistics: 's3://baselines/m/statistics.json', constraints: 'documented-constraints.json' }).read();
    expect(attachedModelMonitorBaseline(frame)!.constraints.monitoring_config?.distribution_constraints?.comparison_method).toBe('Simple');
  });

  it('names the S3 object and the JSON path of a bad field', async () => {
    const error = await source({ statistics: 's3://baselines/m/statistics.json', constraints: 's3://baselines/m/bad-constraints.json' })
      .read()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^s3:\/\/baselines\/m\/bad-constraints\.json: \$\.features\[0\]\.completeness: /);
  });

  it('names a missing local file', async () => {
    const error = await source({ statistics: 'nope/statistics.json', constraints: 'documented-constraints.json' })
      .read()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INPUT_NOT_FOUND', message: 'nope/statistics.json: ENOENT' });
  });
});
