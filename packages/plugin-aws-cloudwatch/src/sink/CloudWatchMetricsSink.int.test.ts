import {
  type CloudWatchClient,
  type Dimension,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  type Metric,
} from '@aws-sdk/client-cloudwatch';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type MetricPoint, ProviderError } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchWireServer } from '../__tests__/cloudWatchWireServer.js';
import { countingClient } from '../__tests__/testClient.js';
import { cloudWatchPlugin } from '../cloudWatchPlugin.js';
import { cloudWatchSinkOptions } from '../options/cloudWatchSinkOptions.js';
import { CloudWatchMetricsSink } from './CloudWatchMetricsSink.js';
import { MetricsPublishError } from './MetricsPublishError.js';

const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
const timestamp = now.toISOString();
const point = (name: string, value: number, dimensions: Record<string, string>, unit: MetricPoint['unit'] = 'None'): MetricPoint => ({
  name,
  value,
  unit,
  timestamp,
  dimensions,
});
const options = (o: Record<string, unknown>) => cloudWatchSinkOptions.parse(o);
let namespaceSeq = 0;
const freshNamespace = () => `DriftwatchTest${process.pid}-${++namespaceSeq}`;

async function listAll(client: CloudWatchClient, namespace: string): Promise<Metric[]> {
  const metrics: Metric[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListMetricsCommand({ Namespace: namespace, NextToken: token }));
    metrics.push(...(page.Metrics ?? []));
    token = page.NextToken;
  } while (token);
  return metrics;
}

async function valuesOf(client: CloudWatchClient, namespace: string, metricName: string, dimensions: Dimension[]): Promise<number[]> {
  const res = await client.send(
    new GetMetricDataCommand({
      StartTime: new Date(now.getTime() - 3600_000),
      EndTime: new Date(now.getTime() + 3600_000),
      MetricDataQueries: [
        {
          Id: 'q',
          MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: 60, Stat: 'Sum' },
        },
      ],
    }),
  );
  return res.MetricDataResults?.[0]?.Values ?? [];
}

const sortDims = (d: Dimension[] | undefined) => [...(d ?? [])].sort((a, b) => (a.Name! < b.Name! ? -1 : 1));

const moto = motoAvailability();
const missingInCi = motoMissingInCi(moto);

// Registered only when it fails, so a run with moto counts no skipped test for it.
if (missingInCi !== undefined) {
  it('has moto to test against (required when CI is set)', () => {
    throw new Error(missingInCi);
  });
}

describe.skipIf(skipWithoutMoto(moto))('CloudWatchMetricsSink against moto', () => {
  let server: MotoServer;
  beforeAll(async () => {
    server = await startMotoServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('publishes drift points with their dimensions, values and units', async () => {
    const { client } = countingClient(server.endpoint);
    const namespace = freshNamespace();
    const sink = new CloudWatchMetricsSink(client, options({ namespace }));
    await sink.publish([
      point('drift.score', 0.125, { monitor: 'credit', feature: 'age', method: 'psi', measure: 'distance' }),
      point('drift.score', 0.03, { monitor: 'credit', feature: 'city', method: 'chi2', measure: 'p_value' }),
      point('dataset.drift_share', 50, { monitor: 'credit' }, 'Percent'),
    ]);
    expect(sink.pending).toBe(3);
    await sink.flush();
    expect(sink.pending).toBe(0);
    expect(sink.stats.published).toBe(3);

    const metrics = await listAll(client, namespace);
    const shapes = metrics.map((m) => ({ name: m.MetricName, dims: sortDims(m.Dimensions) }));
    expect(shapes).toHaveLength(3);
    expect(shapes).toContainEqual({
      name: 'drift.score',
      dims: [
        { Name: 'feature', Value: 'age' },
        { Name: 'measure', Value: 'distance' },
        { Name: 'method', Value: 'psi' },
        { Name: 'monitor', Value: 'credit' },
      ],
    });
    expect(shapes).toContainEqual({ name: 'dataset.drift_share', dims: [{ Name: 'monitor', Value: 'credit' }] });
    const ageDims = sortDims(metrics.find((m) => m.Dimensions?.some((d) => d.Value === 'age'))!.Dimensions);
    expect(await valuesOf(client, namespace, 'drift.score', ageDims)).toEqual([0.125]);

    const stats = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: namespace,
        MetricName: 'dataset.drift_share',
        Dimensions: [{ Name: 'monitor', Value: 'credit' }],
        StartTime: new Date(now.getTime() - 3600_000),
        EndTime: new Date(now.getTime() + 3600_000),
        Period: 60,
        Statistics: ['Maximum'],
      }),
    );
    expect(stats.Datapoints?.map((d) => [d.Maximum, d.Unit])).toEqual([[50, 'Percent']]);
    await sink.shutdown();
  });

  it('splits 2500 points into requests of at most 1000 items and publishes all', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const namespace = freshNamespace();
    const sink = new CloudWatchMetricsSink(client, options({ namespace }));
    const points = Array.from({ length: 2500 }, (_, i) => point('drift.score', i / 10, { feature: `f${i}`, method: 'psi' }));
    await sink.publish(points);
    await sink.flush();
    const puts = sent.filter((r) => r.operation === 'PutMetricData');
    expect(puts.map((r) => (JSON.parse(r.body).MetricData as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect(sink.stats.requests).toBe(3);
    const metrics = await listAll(client, namespace);
    expect(metrics).toHaveLength(2500);
    expect(
      await valuesOf(client, namespace, 'drift.score', [
        { Name: 'feature', Value: 'f2499' },
        { Name: 'method', Value: 'psi' },
      ]),
    ).toEqual([249.9]);
    await sink.shutdown();
  });

  it('splits by payload size: wide points never make a body over the byte budget', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const namespace = freshNamespace();
    const sink = new CloudWatchMetricsSink(client, options({ namespace, maxRequestBytes: 200_000 }));
    // 30 dimensions of 1024-character values: ~35 KB per item in JSON, ~96 KB as a query string.
    const wide = (i: number) =>
      Object.fromEntries(Array.from({ length: 30 }, (_, d) => [`d${String(d).padStart(2, '0')}`, d === 0 ? `p${i}` : 'é'.repeat(1024)]));
    await sink.publish(Array.from({ length: 20 }, (_, i) => point('wide', i, wide(i))));
    await sink.flush();
    const puts = sent.filter((r) => r.operation === 'PutMetricData');
    expect(puts.length).toBeGreaterThanOrEqual(10);
    for (const r of puts) expect(r.bodyBytes).toBeLessThanOrEqual(200_000);
    expect(puts.reduce((n, r) => n + JSON.parse(r.body).MetricData.length, 0)).toBe(20);
    expect(await listAll(client, namespace)).toHaveLength(20);
    await sink.shutdown();
  });

  it('drops NaN, clamps infinities and huge magnitudes to ±2^360, and counts both', async () => {
    const { client } = countingClient(server.endpoint);
    const namespace = freshNamespace();
    const sink = new CloudWatchMetricsSink(client, options({ namespace }));
    await sink.publish([
      point('v', Number.NaN, { k: 'nan' }),
      point('v', Number.POSITIVE_INFINITY, { k: 'inf' }),
      point('v', -Number.MAX_VALUE, { k: 'max' }),
      point('v', 1e-200, { k: 'tiny' }),
      point('v', 42, { k: 'ok' }),
    ]);
    await sink.flush();
    expect(sink.stats.dropped.nonFinite).toBe(1);
    expect(sink.stats.clamped).toBe(3);
    expect(await valuesOf(client, namespace, 'v', [{ Name: 'k', Value: 'inf' }])).toEqual([2 ** 360]);
    expect(await valuesOf(client, namespace, 'v', [{ Name: 'k', Value: 'max' }])).toEqual([-(2 ** 360)]);
    expect(await valuesOf(client, namespace, 'v', [{ Name: 'k', Value: 'tiny' }])).toEqual([0]);
    expect(await valuesOf(client, namespace, 'v', [{ Name: 'k', Value: 'nan' }])).toEqual([]);
    expect((await listAll(client, namespace)).length).toBe(4);
    await sink.shutdown();
  });

  it('sends StorageResolution 1 for high-resolution metrics, and keeps only the configured dimensions', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const namespace = freshNamespace();
    const sink = new CloudWatchMetricsSink(
      client,
      options({ namespace, storageResolution: 1, dimensions: { exclude: ['chunk', 'measure'], extra: { env: 'test' } } }),
    );
    await sink.publish([point('drift.score', 0.5, { feature: 'age', method: 'ks', measure: 'p_value', chunk: '3' })]);
    await sink.flush();
    const datum = JSON.parse(sent.find((r) => r.operation === 'PutMetricData')!.body).MetricData[0];
    expect(datum.StorageResolution).toBe(1);
    const [metric] = await listAll(client, namespace);
    expect(sortDims(metric.Dimensions)).toEqual([
      { Name: 'env', Value: 'test' },
      { Name: 'feature', Value: 'age' },
      { Name: 'method', Value: 'ks' },
    ]);
    await sink.shutdown();
  });

  it('in SageMaker Model Monitor compat mode writes Model Monitor names, namespaces and dimensions', async () => {
    const { client } = countingClient(server.endpoint);
    const native = freshNamespace();
    const sink = new CloudWatchMetricsSink(
      client,
      options({
        namespace: native,
        compat: 'sagemaker-model-monitor',
        sagemaker: { endpointName: 'credit-ep', dataQualitySchedule: 'credit-dq', modelQualitySchedule: 'credit-mq' },
      }),
    );
    await sink.publish([
      point('drift.score', 0.31, { monitor: 'credit', feature: 'income', method: 'wasserstein', measure: 'distance' }),
      point('drift.score', 0.001, { monitor: 'credit', feature: 'city', method: 'chi2', measure: 'p_value' }),
      point('performance.f1', 0.82, { monitor: 'credit', metric: 'f1' }),
      point('performance.roc_auc', 0.9, { monitor: 'credit', metric: 'roc_auc' }),
    ]);
    await sink.flush();
    const dataMetrics = await listAll(client, 'aws/sagemaker/Endpoints/data-metrics');
    const mine = dataMetrics.filter((m) => m.Dimensions?.some((d) => d.Value === 'credit-dq'));
    expect(mine.map((m) => [m.MetricName, sortDims(m.Dimensions)])).toEqual([
      [
        'feature_baseline_drift_income',
        [
          { Name: 'Endpoint', Value: 'credit-ep' },
          { Name: 'MonitoringSchedule', Value: 'credit-dq' },
        ],
      ],
    ]);
    const modelMetrics = (await listAll(client, 'aws/sagemaker/Endpoints/model-metrics')).filter((m) =>
      m.Dimensions?.some((d) => d.Value === 'credit-mq'),
    );
    expect(modelMetrics.map((m) => m.MetricName).sort()).toEqual(['auc', 'f1']);
    const dims = [
      { Name: 'Endpoint', Value: 'credit-ep' },
      { Name: 'MonitoringSchedule', Value: 'credit-mq' },
    ];
    expect(await valuesOf(client, 'aws/sagemaker/Endpoints/model-metrics', 'f1', dims)).toEqual([0.82]);
    // The p-value has no Model Monitor equivalent: it goes to the native namespace (unmapped: native).
    expect((await listAll(client, native)).map((m) => m.MetricName)).toEqual(['drift.score']);
    await sink.shutdown();
  });

  it("publishes a Model Monitor baseline run's feature_data_ (a StatisticSet), feature_non_null_ and feature_baseline_drift_", async () => {
    const { client } = countingClient(server.endpoint);
    const native = freshNamespace();
    const sink = new CloudWatchMetricsSink(
      client,
      options({ namespace: native, compat: 'sagemaker-model-monitor', sagemaker: { endpointName: 'mm-ep', dataQualitySchedule: 'mm-dq' } }),
    );
    const f = { monitor: 'mm', feature: 'age' };
    await sink.publish([
      point('modelmonitor.data.count', 4, f, 'Count'),
      point('modelmonitor.data.sum', 100, f),
      point('modelmonitor.data.min', 10, f),
      point('modelmonitor.data.max', 40, f),
      point('modelmonitor.non_null', 0.8, f),
      point('modelmonitor.baseline_drift', 0.25, { ...f, method: 'numerical_linf_robust' }),
      // The run's own drift score would be a second figure under the same name: it goes to the native namespace.
      point('drift.score', 0.5, { ...f, method: 'wasserstein', measure: 'distance' }),
      // A StatisticSet short of a statistic is not sent (CloudWatch takes one whole).
      point('modelmonitor.data.count', 3, { monitor: 'mm', feature: 'score' }, 'Count'),
    ]);
    expect(sink.pending).toBe(7);
    expect(sink.stats.dropped.unmapped).toBe(1);
    await sink.flush();
    const dims = [
      { Name: 'Endpoint', Value: 'mm-ep' },
      { Name: 'MonitoringSchedule', Value: 'mm-dq' },
    ];
    const ns = 'aws/sagemaker/Endpoints/data-metrics';
    const mine = (await listAll(client, ns)).filter((m) => m.Dimensions?.some((d) => d.Value === 'mm-dq'));
    expect(mine.map((m) => m.MetricName).sort()).toEqual(['feature_baseline_drift_age', 'feature_data_age', 'feature_non_null_age']);
    const stats = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: ns,
        MetricName: 'feature_data_age',
        Dimensions: dims,
        StartTime: new Date(now.getTime() - 3600_000),
        EndTime: new Date(now.getTime() + 3600_000),
        Period: 60,
        Statistics: ['SampleCount', 'Sum', 'Minimum', 'Maximum', 'Average'],
      }),
    );
    expect(stats.Datapoints).toHaveLength(1);
    expect(stats.Datapoints![0]).toMatchObject({ SampleCount: 4, Sum: 100, Minimum: 10, Maximum: 40, Average: 25 });
    expect(await valuesOf(client, ns, 'feature_non_null_age', dims)).toEqual([0.8]);
    expect(await valuesOf(client, ns, 'feature_baseline_drift_age', dims)).toEqual([0.25]);
    expect((await listAll(client, native)).map((m) => m.MetricName)).toEqual(['drift.score']);
    expect(sink.stats.published).toBe(7);
    await sink.shutdown();
  });

  it('keeps request compression on by default (right for AWS); moto cannot read gzip, so emulator configs turn it off', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    const provider = cloudWatchPlugin.providers.find((p) => p.port === 'MetricsSink' && p.type === 'cloudwatch')!;
    const context = testProviderContext({ baseDir: '.', env: { AWS_REGION: 'us-east-1' } });
    const make = async (options: Record<string, unknown>) =>
      (await provider.create(provider.options.parse({ maxAttempts: 1, ...options }), context)) as CloudWatchMetricsSink;
    // 200 points: a body over the SDK's 10 KiB compression threshold.
    const many = Array.from({ length: 200 }, (_, i) => point('drift.score', i, { feature: `f${i}` }));
    const wire = await startCloudWatchWireServer(() => ({ ok: true }));
    try {
      // Options as a user writes them for AWS: the body goes gzipped.
      const byDefault = await make({ endpoint: wire.endpoint });
      await byDefault.publish(many);
      await byDefault.flush();
      expect(wire.requests.map((r) => [r.operation, r.headers['content-encoding']])).toEqual([['PutMetricData', 'gzip']]);
      await byDefault.shutdown();

      // moto 5.2 answers a gzip body with HTTP 500 (an HTML page): every large flush would fail.
      const namespace = freshNamespace();
      const gzipped = await make({ namespace, endpoint: server.endpoint });
      await gzipped.publish(many);
      const error = (await gzipped.flush().catch((e: unknown) => e)) as MetricsPublishError;
      expect(error).toBeInstanceOf(MetricsPublishError);
      expect((error.errors[0] as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(500);
      await gzipped.shutdown().catch(() => undefined); // its points stay unpublished: this sink is thrown away

      // With requestCompression: false, as the README's emulator example sets, the same points go through.
      const plain = await make({ namespace, endpoint: server.endpoint, requestCompression: false });
      await plain.publish(many);
      await plain.flush();
      const { client } = countingClient(server.endpoint);
      expect(await listAll(client, namespace)).toHaveLength(200);
      await plain.shutdown();
    } finally {
      await wire.close();
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('is created by the plugin from config options, with credentials from the environment', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    try {
      const provider = cloudWatchPlugin.providers.find((p) => p.port === 'MetricsSink' && p.type === 'cloudwatch')!;
      const namespace = freshNamespace();
      const parsed = provider.options.parse({ namespace, endpoint: server.endpoint, requestCompression: false });
      const sink = (await provider.create(
        parsed,
        testProviderContext({ baseDir: '.', env: { AWS_REGION: 'eu-west-1' } }),
      )) as CloudWatchMetricsSink;
      await sink.publish([point('drift.score', 0.2, { feature: 'age' })]);
      await sink.flush();
      const { client } = countingClient(server.endpoint);
      // moto keeps one backend per region: the metric is in eu-west-1, taken from the context's AWS_REGION.
      const { client: eu } = countingClient(server.endpoint, { region: 'eu-west-1' });
      expect((await eu.send(new ListMetricsCommand({ Namespace: namespace }))).Metrics).toHaveLength(1);
      expect((await client.send(new ListMetricsCommand({ Namespace: namespace }))).Metrics ?? []).toHaveLength(0);
      await sink.shutdown();
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});

describe('CloudWatchMetricsSink against a wire-level CloudWatch peer', () => {
  const points = [point('drift.score', 0.4, { feature: 'age' }), point('drift.score', 0.6, { feature: 'city' })];

  it('gzips large bodies when requestCompression is on (the default)', async () => {
    const wire = await startCloudWatchWireServer(() => ({ ok: true }));
    const { client } = countingClient(wire.endpoint, { compression: true });
    const sink = new CloudWatchMetricsSink(client, options({}));
    await sink.publish(Array.from({ length: 1000 }, (_, i) => point('drift.score', i, { feature: `f${i}` })));
    await sink.publish(points);
    expect(sink.pending).toBe(1002);
    await sink.flush();
    // The SDK compresses bodies of 10 KiB or more only: the 2-point request goes plain.
    expect(wire.requests.map((r) => r.headers['content-encoding'])).toEqual(['gzip', undefined]);
    expect(wire.requests.map((r) => JSON.parse(r.body).MetricData.length)).toEqual([1000, 2]);
    await sink.shutdown();
    await wire.close();
  });

  it('drops points CloudWatch would reject for their timestamp instead of failing their batch', async () => {
    const wire = await startCloudWatchWireServer(() => ({ ok: true }));
    const { client } = countingClient(wire.endpoint);
    const clock = Date.parse('2026-11-27T12:00:00Z');
    const sink = new CloudWatchMetricsSink(client, options({}), { now: () => clock });
    const at = (iso: string): MetricPoint => ({ ...points[0], timestamp: iso });
    await sink.publish([
      at('2026-11-13T12:00:00Z'), // exactly two weeks old: kept
      at('2026-11-13T11:59:59Z'), // older: dropped
      at('2026-11-27T14:00:00Z'), // two hours ahead: kept
      at('2026-11-27T14:00:01Z'), // further: dropped
      at('yesterday'),
    ]);
    await sink.flush();
    expect(sink.stats.dropped).toMatchObject({ outOfWindow: 2, badTimestamp: 1 });
    expect(JSON.parse(wire.requests[0].body).MetricData.map((d: { Timestamp: number }) => d.Timestamp)).toEqual([
      Date.parse('2026-11-13T12:00:00Z') / 1000,
      Date.parse('2026-11-27T14:00:00Z') / 1000,
    ]);
    await sink.shutdown();
    await wire.close();
  });

  it('speaks AWS JSON 1.0 with query-compatible errors (what the wire peer assumes)', async () => {
    const wire = await startCloudWatchWireServer(() => ({ ok: true }));
    const { client } = countingClient(wire.endpoint);
    const sink = new CloudWatchMetricsSink(client, options({}));
    await sink.publish(points);
    await sink.flush();
    expect(wire.requests).toHaveLength(1);
    expect(wire.requests[0].protocol).toBe('json');
    expect(wire.requests[0].headers['x-amz-target']).toBe('GraniteServiceVersion20100801.PutMetricData');
    expect(wire.requests[0].headers['x-amzn-query-mode']).toBe('true');
    await sink.shutdown();
    await wire.close();
  });

  it('retries throttling with exponential backoff and jitter, then succeeds', async () => {
    const wire = await startCloudWatchWireServer((_, i) =>
      i < 3 ? { ok: false, status: 400, code: 'Throttling', message: 'Rate exceeded' } : { ok: true },
    );
    const { client } = countingClient(wire.endpoint);
    const waits: number[] = [];
    const sink = new CloudWatchMetricsSink(client, options({ retryBaseDelayMs: 100 }), {
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
    });
    await sink.publish(points);
    await sink.flush();
    expect(wire.requests).toHaveLength(4);
    // Full jitter with random() = 0.5: half of 100·2^(n-1).
    expect(waits).toEqual([50, 100, 200]);
    expect(new Set(wire.requests.map((r) => r.body)).size).toBe(1);
    expect(sink.stats).toMatchObject({ requests: 4, retries: 3, published: 2 });
    await sink.shutdown();
    await wire.close();
  });

  it('retries a 5xx InternalServiceError', async () => {
    const wire = await startCloudWatchWireServer((_, i) =>
      i === 0 ? { ok: false, status: 500, code: 'InternalServiceError', message: 'internal' } : { ok: true },
    );
    const { client } = countingClient(wire.endpoint);
    const sink = new CloudWatchMetricsSink(client, options({}), { sleep: async () => {}, random: () => 0 });
    await sink.publish(points);
    await sink.flush();
    expect(wire.requests).toHaveLength(2);
    expect(sink.stats.published).toBe(2);
    await sink.shutdown();
    await wire.close();
  });

  it('does not retry InvalidParameterValue: fails with a provider error naming the operation and the points', async () => {
    const wire = await startCloudWatchWireServer(() => ({
      ok: false,
      status: 400,
      code: 'InvalidParameterValue',
      message: 'The value for parameter MetricData.member.1.Value is invalid.',
    }));
    const { client } = countingClient(wire.endpoint);
    const sink = new CloudWatchMetricsSink(client, options({}), { sleep: async () => expect.unreachable('no wait on a permanent error') });
    await sink.publish(points);
    const error = await sink.flush().then(
      () => expect.unreachable('flush must fail'),
      (e: unknown) => e,
    );
    expect(wire.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(MetricsPublishError);
    expect(error).toBeInstanceOf(ProviderError);
    const e = error as MetricsPublishError;
    expect(e.provider).toBe('cloudwatch');
    expect(e.operation).toBe('PutMetricData');
    expect(e.message).toMatch(/^cloudwatch PutMetricData: 2 of 2 points not published .*InvalidParameterValue/);
    expect(e.unpublished).toEqual(points);
    expect(e.retained).toBe(0);
    expect((e.cause as { Code?: string }).Code).toBe('InvalidParameterValue');
    // Rejected for good: not queued again.
    expect(sink.pending).toBe(0);
    await sink.shutdown();
    await wire.close();
  });

  it('reports only the points of the failed request when another request succeeds', async () => {
    const wire = await startCloudWatchWireServer((_, i) =>
      i === 0 ? { ok: false, status: 400, code: 'InvalidParameterValue', message: 'bad' } : { ok: true },
    );
    const { client } = countingClient(wire.endpoint);
    const sink = new CloudWatchMetricsSink(client, options({ maxBatchSize: 1 }));
    await sink.publish(points);
    await expect(sink.flush()).rejects.toMatchObject({ unpublished: [points[0]], retained: 0 });
    expect(wire.requests).toHaveLength(2);
    expect(sink.stats.published).toBe(1);
    await sink.shutdown();
    await wire.close();
  });

  it('keeps throttled points after the last attempt and sends them with the next flush', async () => {
    let throttle = true;
    const wire = await startCloudWatchWireServer(() =>
      throttle ? { ok: false, status: 400, code: 'Throttling', message: 'Rate exceeded' } : { ok: true },
    );
    const { client } = countingClient(wire.endpoint);
    const sink = new CloudWatchMetricsSink(client, options({ maxAttempts: 3 }), { sleep: async () => {}, random: () => 0 });
    await sink.publish(points);
    await expect(sink.flush()).rejects.toMatchObject({ operation: 'PutMetricData', unpublished: points, retained: 2 });
    expect(wire.requests).toHaveLength(3);
    expect(sink.pending).toBe(2);
    throttle = false;
    await sink.flush();
    expect(wire.requests).toHaveLength(4);
    expect(sink.pending).toBe(0);
    expect(sink.stats.published).toBe(2);
    await sink.shutdown();
    await wire.close();
  });
});
