import { CreateModelCommand, DescribeEndpointConfigCommand, DescribeModelCommand } from '@aws-sdk/client-sagemaker';
import { type ModelVersion, ProviderError } from '@driftwatch/core';
import { beforeEach, expect, it } from 'vitest';
import { describeWithMoto } from '../__tests__/describeWithMoto.js';
import type { SageMakerReply } from '../__tests__/sageMakerWireServer.js';
import { noRetry, testSageMakerClient } from '../__tests__/testClients.js';
import { sageMakerEndpointOptions } from '../options/sageMakerEndpointOptions.js';
import { SageMakerEndpointDeployer } from './SageMakerEndpointDeployer.js';

type EndpointBody = { EndpointStatus: string; EndpointConfigName: string; FailureReason?: string; PendingDeploymentSummary?: object };

describeWithMoto('SageMakerEndpointDeployer against moto', (aws) => {
  /**
   * What SageMaker does after UpdateEndpoint (moto 5.2 answers it with HTTP
   * 500): the DescribeEndpoint answers to give, one per poll, the last repeated.
   */
  let onUpdate: (config: string) => EndpointBody[] = () => [];
  let script: EndpointBody[] | undefined;
  const errors = new Map<string, SageMakerReply>();
  let clock = 0;
  let sleeps: number[] = [];

  aws.useWire((call) => {
    const error = errors.get(`${call.operation}:${call.input.ModelName ?? call.input.EndpointConfigName ?? ''}`);
    if (error) return error;
    if (call.operation === 'UpdateEndpoint') {
      script = onUpdate(call.input.EndpointConfigName);
      return { body: { EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${call.input.EndpointName}` } };
    }
    if (call.operation === 'DescribeEndpoint' && script) {
      const body = script.length > 1 ? script.shift()! : script[0]!;
      return { body: { EndpointName: call.input.EndpointName, ...body } };
    }
    return undefined;
  });
  beforeEach(() => {
    sleeps = [];
  });

  const deployer = (endpointName: string, extra: Record<string, unknown> = {}) =>
    new SageMakerEndpointDeployer(
      testSageMakerClient(aws.wire.endpoint),
      sageMakerEndpointOptions.parse({
        endpointName,
        roleArn: 'arn:aws:iam::123456789012:role/Serve',
        image: 'inference:2',
        ...extra,
        ...noRetry,
      }),
      {
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
        },
      },
    );
  const version = (v: string): ModelVersion => ({
    model: 'churn',
    version: v,
    artifactUri: `s3://models/churn/${v}/model.tar.gz`,
    status: 'candidate',
    createdAt: '2025-01-01T00:00:00Z',
    metadata: {},
  });
  const newOps = (from: number) => aws.wire.operations().slice(from);
  const updating = (config: string, from: string): EndpointBody => ({
    EndpointStatus: 'Updating',
    EndpointConfigName: from,
    PendingDeploymentSummary: { EndpointConfigName: config },
  });

  it('creates model, config and endpoint, waits for InService, then deploying again is a no-op', async () => {
    const d = deployer('churn-ep', { captureUri: 's3://capture/churn' });
    let from = aws.wire.calls.length;
    expect(await d.deploy(version('1'))).toEqual({ status: 'deployed' });
    expect(newOps(from)).toEqual(['CreateModel', 'CreateEndpointConfig', 'DescribeEndpoint', 'CreateEndpoint', 'DescribeEndpoint']);
    expect(sleeps).toEqual([15_000]);
    const model = await aws.sageMaker.send(new DescribeModelCommand({ ModelName: 'churn-ep-v1' }));
    expect(model.PrimaryContainer).toMatchObject({ Image: 'inference:2', ModelDataUrl: 's3://models/churn/1/model.tar.gz' });
    expect(model.ExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/Serve');
    const config = await aws.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: 'churn-ep-v1' }));
    expect(config.ProductionVariants?.[0]).toMatchObject({
      VariantName: 'AllTraffic',
      ModelName: 'churn-ep-v1',
      InstanceType: 'ml.m5.large',
    });
    const createConfig = aws.wire.calls.find((c) => c.operation === 'CreateEndpointConfig')!;
    expect(createConfig.input.DataCaptureConfig).toMatchObject({ DestinationS3Uri: 's3://capture/churn', InitialSamplingPercentage: 100 });

    from = aws.wire.calls.length;
    sleeps = [];
    expect(await d.deploy(version('1'))).toEqual({ status: 'deployed' });
    expect(newOps(from)).toEqual(['CreateModel', 'CreateEndpointConfig', 'DescribeEndpoint']);
    expect(sleeps).toEqual([]);
  });

  it('updates to a new version, polling with growing waits until InService with its config', async () => {
    const d = deployer('churn-ep');
    onUpdate = (config) => [
      updating(config, 'churn-ep-v1'),
      updating(config, 'churn-ep-v1'),
      { EndpointStatus: 'InService', EndpointConfigName: config },
    ];
    const from = aws.wire.calls.length;
    expect(await d.deploy(version('2'), { previous: version('1') })).toEqual({ status: 'deployed' });
    const update = aws.wire.calls.slice(from).find((c) => c.operation === 'UpdateEndpoint')!;
    expect(update.input).toEqual({ EndpointName: 'churn-ep', EndpointConfigName: 'churn-ep-v2' });
    expect(sleeps).toEqual([15_000, 22_500, 33_750]);
  });

  it('reports an update SageMaker rolled back, and rolls back to the previous version', async () => {
    const d = deployer('churn-ep');
    onUpdate = (config) =>
      config === 'churn-ep-v3'
        ? [
            updating(config, 'churn-ep-v2'),
            { EndpointStatus: 'InService', EndpointConfigName: 'churn-ep-v2', FailureReason: 'health check failed' },
          ]
        : [updating(config, 'churn-ep-v3'), { EndpointStatus: 'InService', EndpointConfigName: config }];
    const failed = await d.deploy(version('3'));
    expect(failed.status).toBe('failed');
    expect(failed.reason).toContain('InService with churn-ep-v2, not churn-ep-v3');
    expect(failed.reason).toContain('health check failed');

    const from = aws.wire.calls.length;
    expect(await d.rollback(version('0'))).toEqual({ status: 'deployed' });
    // A rollback target never deployed here gets its model and config first.
    expect(newOps(from)).toEqual([
      'CreateModel',
      'CreateEndpointConfig',
      'DescribeEndpoint',
      'UpdateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    expect((await aws.sageMaker.send(new DescribeModelCommand({ ModelName: 'churn-ep-v0' }))).PrimaryContainer?.ModelDataUrl).toBe(
      's3://models/churn/0/model.tar.gz',
    );
  });

  it('fails when the endpoint goes Failed, and when it is not InService by the deadline', async () => {
    const d = deployer('churn-ep', { waitTimeout: '30m' });
    onUpdate = (config) => [
      updating(config, 'churn-ep-v0'),
      { EndpointStatus: 'Failed', EndpointConfigName: 'churn-ep-v0', FailureReason: 'image not found' },
    ];
    expect(await d.deploy(version('4'))).toEqual({ status: 'failed', reason: 'endpoint churn-ep is Failed: image not found' });

    script = [{ EndpointStatus: 'InService', EndpointConfigName: 'churn-ep-v0' }];
    onUpdate = (config) => [updating(config, 'churn-ep-v0')];
    sleeps = [];
    const start = clock;
    const late = await d.deploy(version('5'));
    expect(late).toEqual({ status: 'failed', reason: 'endpoint churn-ep not InService with churn-ep-v5 after 30m (still Updating)' });
    expect(clock - start).toBe(30 * 60_000);
    expect(Math.max(...sleeps)).toBe(60_000);
  });

  it('refuses to update an endpoint that is busy, and wraps API failures as ProviderError', async () => {
    script = [{ EndpointStatus: 'Updating', EndpointConfigName: 'churn-ep-v0', PendingDeploymentSummary: { EndpointConfigName: 'other' } }];
    const busy = await deployer('churn-ep').deploy(version('6'));
    expect(busy).toMatchObject({ status: 'failed' });
    expect(busy.reason).toContain('is Updating');

    errors.set('CreateModel:busy-ep-v1', { error: 'AccessDeniedException', message: 'no iam:PassRole', status: 403 });
    const error = await deployer('busy-ep')
      .deploy(version('1'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'sagemaker-endpoint', operation: 'CreateModel' });

    // Real SageMaker refuses to create a model twice; that counts as present.
    await aws.sageMaker.send(
      new CreateModelCommand({
        ModelName: 'other-ep-v1',
        ExecutionRoleArn: 'arn:aws:iam::123456789012:role/Serve',
        PrimaryContainer: { Image: 'inference:2' },
      }),
    );
    errors.set('CreateModel:other-ep-v1', { error: 'ValidationException', message: 'Cannot create already existing model "other-ep-v1".' });
    script = undefined;
    expect(await deployer('other-ep').deploy(version('1'))).toEqual({ status: 'deployed' });
  });
});
