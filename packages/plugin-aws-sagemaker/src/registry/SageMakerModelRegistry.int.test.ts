import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { DescribeModelPackageCommand, DescribeModelPackageGroupCommand } from '@aws-sdk/client-sagemaker';
import { StateError } from '@driftwatch/core';
import { readDataFile } from '@driftwatch/data';
import { evaluateModelMonitorConstraints, modelMonitorBaselineOf, parseModelMonitorFile } from '@driftwatch/drift';
import { expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import { noRetry, testSageMakerClient } from '../__tests__/testClients.js';
import { sageMakerRegistryOptions } from '../options/sageMakerRegistryOptions.js';
import { SageMakerModelRegistry } from './SageMakerModelRegistry.js';

describeWithMoto('SageMakerModelRegistry against moto', (aws) => {
  let clock = Date.parse('2025-03-01T00:00:00Z');

  aws.useWire(() => undefined);

  const registry = (extra: Record<string, unknown> = {}) =>
    new SageMakerModelRegistry(
      testSageMakerClient(aws.wire.endpoint),
      sageMakerRegistryOptions.parse({ image: 'inference:1', ...extra, ...noRetry }),
      { now: () => (clock += 60_000) },
    );

  it('registers candidates in a group named after the model, with metadata as properties', async () => {
    const r = registry();
    expect(await r.list('churn')).toEqual([]);
    const v1 = await r.register({
      model: 'churn',
      artifactUri: 's3://m/churn/1/model.tar.gz',
      metadata: { attempt: 'a1', f1: 0.82 },
      key: 'a1',
    });
    expect(v1).toMatchObject({ model: 'churn', version: '1', status: 'candidate', artifactUri: 's3://m/churn/1/model.tar.gz' });
    expect(v1.ref).toMatch(/model-package\/churn\/1$/);
    expect(v1.metadata).toEqual({ attempt: 'a1', f1: '0.82' });
    const group = await aws.sageMaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }));
    expect(group.ModelPackageGroupName).toBe('churn');
    const pkg = await aws.sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: v1.ref }));
    expect(pkg.ModelApprovalStatus).toBe('PendingManualApproval');
    expect(pkg.InferenceSpecification).toMatchObject({
      Containers: [{ Image: 'inference:1', ModelDataUrl: 's3://m/churn/1/model.tar.gz' }],
      SupportedContentTypes: ['text/csv'],
    });
    expect(pkg.CustomerMetadataProperties).toMatchObject({ 'driftwatch:status': 'candidate', 'driftwatch:key': 'a1', 'meta:f1': '0.82' });
    const create = aws.wire.calls.find((c) => c.operation === 'CreateModelPackage')!;
    expect(create.input.ClientToken).toBe('a1');
  });

  it('returns the version registered with the same key instead of a second one', async () => {
    const r = registry();
    const first = await r.register({ model: 'idem', artifactUri: 's3://m/a.tar.gz', metadata: {}, key: 'attempt-7' });
    const creates = aws.wire.operations().filter((o) => o === 'CreateModelPackage').length;
    const again = await r.register({ model: 'idem', artifactUri: 's3://m/a.tar.gz', metadata: {}, key: 'attempt-7' });
    expect(again).toEqual(first);
    expect(aws.wire.operations().filter((o) => o === 'CreateModelPackage').length).toBe(creates);
    expect((await r.list('idem')).map((v) => v.version)).toEqual(['1']);
  });

  it('promotes a champion, retires the previous one, and rejects with a reason', async () => {
    const r = registry({ groupPrefix: 'dw-' });
    const v1 = await r.register({ model: 'fraud', artifactUri: 's3://m/f1.tar.gz', metadata: {} });
    const v2 = await r.register({ model: 'fraud', artifactUri: 's3://m/f2.tar.gz', metadata: {} });
    const v3 = await r.register({ model: 'fraud', artifactUri: 's3://m/f3.tar.gz', metadata: {} });
    expect(r.groupName('fraud')).toBe('dw-fraud');
    expect(await r.champion('fraud')).toBeUndefined();

    const first = await r.setStatus('fraud', v1.version, 'champion');
    expect(first).toMatchObject({ status: 'champion' });
    const promoted = await r.setStatus('fraud', v2.version, 'champion', 'gate passed');
    expect(promoted).toMatchObject({ version: '2', status: 'champion', statusReason: 'gate passed' });
    expect((await r.champion('fraud'))?.version).toBe('2');
    const old = await r.get('fraud', v1.version);
    expect(old).toMatchObject({ status: 'retired', statusReason: 'replaced by version 2' });
    expect(Date.parse(old!.statusChangedAt!)).toBeGreaterThan(Date.parse(first.statusChangedAt!));

    const rejected = await r.setStatus('fraud', v3.version, 'rejected', 'f1 below the champion');
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: 'f1 below the champion' });
    const pkg = await aws.sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: rejected.ref }));
    expect(pkg.ModelApprovalStatus).toBe('Rejected');
    expect(pkg.ApprovalDescription).toBe('f1 below the champion');
    const champ = await aws.sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: promoted.ref }));
    expect(champ.ModelApprovalStatus).toBe('Approved');
    expect((await r.list('fraud')).map((v) => `${v.version}:${v.status}`)).toEqual(['1:retired', '2:champion', '3:rejected']);
  });

  it('fails to set the status of an unknown version, and finds nothing for an unknown model', async () => {
    const r = registry();
    await r.register({ model: 'small', artifactUri: 's3://m/s.tar.gz', metadata: {} });
    await expect(r.setStatus('small', '9', 'champion')).rejects.toBeInstanceOf(StateError);
    expect(await r.get('small', '9')).toBeUndefined();
    expect(await r.get('nothing-here', '1')).toBeUndefined();
    expect(await r.champion('nothing-here')).toBeUndefined();
  });

  it("writes Model Monitor baselines of the version's training data to S3 and sets the package's DriftCheckBaselines", async () => {
    await aws.s3.send(new CreateBucketCommand({ Bucket: 'baselines' }));
    const dir = mkdtempSync(join(tmpdir(), 'dw-registry-baselines-'));
    const train = join(dir, 'train.csv');
    let csv = 'age,plan\n';
    for (let i = 0; i < 50; i++) csv += `${20 + (i % 30)},${i % 5 === 0 ? 'pro' : 'basic'}\n`;
    writeFileSync(train, csv);
    const r = new SageMakerModelRegistry(
      testSageMakerClient(aws.wire.endpoint),
      sageMakerRegistryOptions.parse({ image: 'inference:1', baselineUri: 's3://baselines/registry', ...noRetry }),
      { now: () => (clock += 60_000), s3: () => aws.s3 },
    );
    const v = await r.register({ model: 'withbase', artifactUri: 's3://m/w.tar.gz', metadata: { trainData: train }, key: 'attempt-1' });
    const expected = {
      statistics: 's3://baselines/registry/withbase/attempt-1/statistics.json',
      constraints: 's3://baselines/registry/withbase/attempt-1/constraints.json',
    };
    expect(v.metadata.modelMonitorBaseline).toEqual(expected);
    const pkg = await aws.sageMaker.send(new DescribeModelPackageCommand({ ModelPackageName: v.ref }));
    expect(pkg.DriftCheckBaselines).toEqual({
      ModelDataQuality: {
        Statistics: { ContentType: 'application/json', S3Uri: expected.statistics },
        Constraints: { ContentType: 'application/json', S3Uri: expected.constraints },
      },
    });
    const text = async (key: string) =>
      await (await aws.s3.send(new GetObjectCommand({ Bucket: 'baselines', Key: key }))).Body!.transformToString('utf-8');
    const statistics = parseModelMonitorFile('statistics', await text('registry/withbase/attempt-1/statistics.json'), 'statistics.json');
    const constraints = parseModelMonitorFile(
      'constraints',
      await text('registry/withbase/attempt-1/constraints.json'),
      'constraints.json',
    );
    // The very baseline Driftwatch writes of the file: the same checks on any data.
    const frame = await readDataFile(train);
    expect(statistics).toEqual(JSON.parse(JSON.stringify(modelMonitorBaselineOf(frame).statistics)));
    expect(evaluateModelMonitorConstraints({ statistics, constraints, current: frame }).violations).toEqual([]);
    // The champion carries them, for `reference: { from: champion }`.
    await r.setStatus('withbase', v.version, 'champion');
    expect((await r.champion('withbase'))?.metadata.modelMonitorBaseline).toEqual(expected);
  });
});
