import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  type Dimension,
  ListMetricsCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { type MotoServer, motoAvailability, motoMissingInCi, skipWithoutMoto, startMotoServer } from '@driftwatch/aws-common/testing';
import { type AlertRule, ConfigError, type MetricPoint, ProviderError } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudWatchWireServer } from '../__tests__/cloudWatchWireServer.js';
import { countingClient } from '../__tests__/testClient.js';
import { cloudWatchPlugin } from '../cloudWatchPlugin.js';
import { cloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';
import { cloudWatchSinkOptions } from '../options/cloudWatchSinkOptions.js';
import { CloudWatchMetricsSink } from '../sink/CloudWatchMetricsSink.js';
import { CloudWatchAlarmManager } from './CloudWatchAlarmManager.js';

const topic = 'arn:aws:sns:us-east-1:123456789012:drift-alerts';
const okTopic = 'arn:aws:sns:us-east-1:123456789012:drift-ok';
const pager = 'arn:aws:sns:us-east-1:123456789012:pager';
const rules: AlertRule[] = [
  {
    name: 'age-drift',
    metric: 'drift.score',
    comparison: 'gt',
    threshold: 0.2,
    severity: 'warning',
    dimensions: { feature: 'age', method: 'psi', measure: 'distance' },
  },
  { name: 'share', metric: 'dataset.drift_share', comparison: 'gte', threshold: 0.5, severity: 'critical' },
  { name: 'f1-floor', metric: 'performance.f1', comparison: 'lt', threshold: 0.7, severity: 'critical', dimensions: { metric: 'f1' } },
];
const options = (o: Record<string, unknown>) => cloudWatchAlarmOptions.parse(o);
let seq = 0;
const freshPrefix = () => `dwtest${process.pid}-${++seq}-`;
const freshNamespace = () => `DwAlarms${process.pid}-${++seq}`;

/** A run's points as the runtime builds them (driftMetricPoints, performancePoints), `monitor` added. */
function runPoints(monitor: string): MetricPoint[] {
  const timestamp = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000).toISOString();
  const p = (name: string, value: number, dimensions: Record<string, string>): MetricPoint => ({
    name,
    value,
    unit: 'None',
    timestamp,
    dimensions: { ...dimensions, monitor },
  });
  return [
    p('drift.score', 0.31, { feature: 'age', method: 'psi', measure: 'distance' }),
    p('drift.score', 0.004, { feature: 'income', method: 'ks', measure: 'p_value' }),
    p('drift.score', 0.12, { feature: 'income', method: 'wasserstein', measure: 'distance' }),
    p('dataset.drift_share', 0.5, {}),
    p('performance.f1', 0.66, { metric: 'f1' }),
  ];
}

/** Publishes a run's points through the real sink, with the mapping options the alarm manager gets. */
async function publishRun(endpoint: string, monitor: string, mapping: Record<string, unknown>): Promise<void> {
  const { client } = countingClient(endpoint);
  const sink = new CloudWatchMetricsSink(client, cloudWatchSinkOptions.parse(mapping));
  await sink.publish(runPoints(monitor));
  await sink.shutdown();
}

const dimensionSet = (d: readonly Dimension[] | undefined) =>
  (d ?? [])
    .map((x) => `${x.Name}=${x.Value}`)
    .sort()
    .join(',');

async function describeAll(client: CloudWatchClient, prefix: string): Promise<Map<string, MetricAlarm>> {
  const res = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix }));
  return new Map((res.MetricAlarms ?? []).map((a) => [a.AlarmName!, a]));
}

const moto = motoAvailability();
const missingInCi = motoMissingInCi(moto);

// Registered only when it fails, so a run with moto counts no skipped test for it.
if (missingInCi !== undefined) {
  it('has moto to test against (required when CI is set)', () => {
    throw new Error(missingInCi);
  });
}

describe.skipIf(skipWithoutMoto(moto))('CloudWatchAlarmManager against moto', () => {
  let server: MotoServer;
  beforeAll(async () => {
    server = await startMotoServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates one alarm per rule with the mapped metric, operator, threshold and actions', async () => {
    const { client } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    await publishRun(server.endpoint, 'credit', { namespace });
    const manager = new CloudWatchAlarmManager(
      client,
      options({
        alarmPrefix,
        namespace,
        period: 600,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        alarmActions: [topic],
        okActions: [okTopic],
        severityActions: { critical: { alarmActions: [pager] } },
      }),
    );
    const result = await manager.sync(rules, { monitor: 'credit' });
    const names = rules.map((r) => `${alarmPrefix}credit/${r.name}`);
    expect(result).toEqual({ created: names, updated: [], unchanged: [], stale: [], deleted: [], pending: [] });

    const alarms = await describeAll(client, alarmPrefix);
    const age = alarms.get(names[0])!;
    expect(age).toMatchObject({
      Namespace: namespace,
      MetricName: 'drift.score',
      Statistic: 'Maximum',
      Period: 600,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 0.2,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
      OKActions: [okTopic],
    });
    expect(age.Dimensions).toEqual([
      { Name: 'feature', Value: 'age' },
      { Name: 'measure', Value: 'distance' },
      { Name: 'method', Value: 'psi' },
      { Name: 'monitor', Value: 'credit' },
    ]);
    expect(age.AlarmDescription).toBe('Driftwatch warning rule "age-drift" of monitor "credit": drift.score > 0.2');
    const f1 = alarms.get(names[2])!;
    expect(f1).toMatchObject({ Statistic: 'Minimum', ComparisonOperator: 'LessThanThreshold', Threshold: 0.7, AlarmActions: [pager] });
    // The severity's actions replace the top-level ones as a whole.
    expect(f1.OKActions ?? []).toEqual([]);
    expect(alarms.get(names[1])).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'monitor', Value: 'credit' }],
    });
    manager.shutdown();
  });

  it('is idempotent: a second sync changes nothing and calls no PutMetricAlarm', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    await publishRun(server.endpoint, 'credit', { namespace });
    const manager = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace, alarmActions: [topic] }));
    await manager.sync(rules, { monitor: 'credit' });
    const firstPuts = sent.filter((r) => r.operation === 'PutMetricAlarm').length;
    expect(firstPuts).toBe(3);
    const again = await manager.sync(rules, { monitor: 'credit' });
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toHaveLength(3);
    expect(sent.filter((r) => r.operation === 'PutMetricAlarm').length).toBe(firstPuts);
    manager.shutdown();
  });

  it('updates only the alarms whose rule changed, and repairs an alarm edited outside Driftwatch', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    await publishRun(server.endpoint, 'credit', { namespace });
    const manager = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace }));
    await manager.sync(rules, { monitor: 'credit' });
    const names = rules.map((r) => `${alarmPrefix}credit/${r.name}`);
    // Someone raises the share alarm's threshold by hand.
    const edited = (await describeAll(client, alarmPrefix)).get(names[1])!;
    await client.send(
      new PutMetricAlarmCommand({
        AlarmName: edited.AlarmName,
        Namespace: edited.Namespace,
        MetricName: edited.MetricName,
        Dimensions: edited.Dimensions,
        Statistic: edited.Statistic,
        Period: edited.Period,
        EvaluationPeriods: edited.EvaluationPeriods,
        ComparisonOperator: edited.ComparisonOperator,
        Threshold: 0.9,
        TreatMissingData: edited.TreatMissingData,
        AlarmDescription: edited.AlarmDescription,
      }),
    );
    const changed = rules.map((r) => (r.name === 'age-drift' ? { ...r, threshold: 0.3 } : r));
    const before = sent.filter((r) => r.operation === 'PutMetricAlarm').length;
    const result = await manager.sync(changed, { monitor: 'credit' });
    expect([...result.updated].sort()).toEqual([names[0], names[1]].sort());
    expect(result.unchanged).toEqual([names[2]]);
    expect(sent.filter((r) => r.operation === 'PutMetricAlarm').length - before).toBe(2);
    const after = await describeAll(client, alarmPrefix);
    expect(after.get(names[0])!.Threshold).toBe(0.3);
    expect(after.get(names[1])!.Threshold).toBe(0.5);
    manager.shutdown();
  });

  it('reports alarms no rule produces any more, deletes them only with prune, and never touches other monitors', async () => {
    const { client } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    await publishRun(server.endpoint, 'credit', { namespace });
    await publishRun(server.endpoint, 'credit-eu', { namespace });
    const keep = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace }));
    await keep.sync(rules, { monitor: 'credit' });
    await keep.sync(rules.slice(0, 1), { monitor: 'credit-eu' });
    const fewer = rules.slice(0, 1);
    const reported = await keep.sync(fewer, { monitor: 'credit' });
    expect(reported.stale).toEqual([`${alarmPrefix}credit/f1-floor`, `${alarmPrefix}credit/share`]);
    expect(reported.deleted).toEqual([]);
    expect((await describeAll(client, `${alarmPrefix}credit/`)).size).toBe(3);

    const prune = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace, prune: true }));
    const pruned = await prune.sync(fewer, { monitor: 'credit' });
    expect(pruned.deleted).toEqual(reported.stale);
    expect([...(await describeAll(client, `${alarmPrefix}credit/`)).keys()]).toEqual([`${alarmPrefix}credit/age-drift`]);
    // "credit-eu" shares the "credit" prefix as a string, but not "credit/".
    expect([...(await describeAll(client, `${alarmPrefix}credit-eu/`)).keys()]).toEqual([`${alarmPrefix}credit-eu/age-drift`]);
    keep.shutdown();
  });

  it('makes every alarm watch exactly a dimension set the sink published: a rule naming only the feature becomes one alarm per series', async () => {
    const { client } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    await publishRun(server.endpoint, 'credit', { namespace });
    const income: AlertRule = {
      name: 'income-drift',
      metric: 'drift.score',
      comparison: 'gt',
      threshold: 0.2,
      severity: 'critical',
      dimensions: { feature: 'income' },
    };
    const manager = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace }));
    const result = await manager.sync([income, rules[1]!], { monitor: 'credit' });
    expect(result.created).toEqual([
      `${alarmPrefix}credit/income-drift/measure=distance,method=wasserstein`,
      `${alarmPrefix}credit/income-drift/measure=p_value,method=ks`,
      `${alarmPrefix}credit/share`,
    ]);
    expect(result.pending).toEqual([]);

    const listed = await client.send(new ListMetricsCommand({ Namespace: namespace }));
    const published = new Set((listed.Metrics ?? []).map((m) => `${m.MetricName} ${dimensionSet(m.Dimensions)}`));
    const alarms = [...(await describeAll(client, alarmPrefix)).values()];
    const watched = new Set(alarms.map((a) => `${a.MetricName} ${dimensionSet(a.Dimensions)}`));
    // Exact sets: each alarm's metric is one ListMetrics returns, and every income series has its alarm.
    expect([...watched].sort()).toEqual(
      [...published].filter((m) => m.startsWith('dataset.drift_share ') || m.includes('feature=income,')).sort(),
    );
    expect([...watched].sort()).toEqual([
      'dataset.drift_share monitor=credit',
      'drift.score feature=income,measure=distance,method=wasserstein,monitor=credit',
      'drift.score feature=income,measure=p_value,method=ks,monitor=credit',
    ]);
    manager.shutdown();
  });

  it('leaves a rule pending while its metric has never been published, and keeps its alarms when it goes quiet', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const namespace = freshNamespace();
    const manager = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace, prune: true }));
    const first = await manager.sync(rules.slice(1, 2), { monitor: 'credit' });
    expect(first.created).toEqual([]);
    expect(first.pending).toEqual([
      {
        rule: 'share',
        reason: `no metric dataset.drift_share {monitor=credit} in namespace ${namespace} published yet: run the monitor, then sync again`,
      },
    ]);
    expect(sent.filter((r) => r.operation === 'PutMetricAlarm')).toEqual([]);
    await publishRun(server.endpoint, 'credit', { namespace });
    expect((await manager.sync(rules.slice(1, 2), { monitor: 'credit' })).created).toEqual([`${alarmPrefix}credit/share`]);
    // Another namespace has none of the metrics: the alarm is not pruned for a rule that is merely pending.
    const quiet = new CloudWatchAlarmManager(client, options({ alarmPrefix, namespace: freshNamespace(), prune: true }));
    const again = await quiet.sync(rules.slice(1, 2), { monitor: 'credit' });
    expect(again).toMatchObject({ stale: [], deleted: [], pending: [{ rule: 'share' }] });
    expect([...(await describeAll(client, alarmPrefix)).keys()]).toEqual([`${alarmPrefix}credit/share`]);
    manager.shutdown();
  });

  it('in SageMaker compat mode alarms on Model Monitor metrics', async () => {
    const { client } = countingClient(server.endpoint);
    const alarmPrefix = freshPrefix();
    const manager = new CloudWatchAlarmManager(
      client,
      options({
        alarmPrefix,
        compat: 'sagemaker-model-monitor',
        sagemaker: { endpointName: 'credit-ep', dataQualitySchedule: 'credit-dq', modelQualitySchedule: 'credit-mq' },
      }),
    );
    await manager.sync([rules[0], rules[2]], { monitor: 'credit' });
    const alarms = await describeAll(client, alarmPrefix);
    expect(alarms.get(`${alarmPrefix}credit/age-drift`)).toMatchObject({
      Namespace: 'aws/sagemaker/Endpoints/data-metrics',
      MetricName: 'feature_baseline_drift_age',
      Dimensions: [
        { Name: 'Endpoint', Value: 'credit-ep' },
        { Name: 'MonitoringSchedule', Value: 'credit-dq' },
      ],
    });
    expect(alarms.get(`${alarmPrefix}credit/f1-floor`)).toMatchObject({
      Namespace: 'aws/sagemaker/Endpoints/model-metrics',
      MetricName: 'f1',
      Dimensions: [
        { Name: 'Endpoint', Value: 'credit-ep' },
        { Name: 'MonitoringSchedule', Value: 'credit-mq' },
      ],
    });
    manager.shutdown();
  });

  it('rejects rules it cannot express before calling CloudWatch, listing each', async () => {
    const { client, sent } = countingClient(server.endpoint);
    const manager = new CloudWatchAlarmManager(
      client,
      options({
        compat: 'sagemaker-model-monitor',
        sagemaker: { endpointName: 'ep', dataQualitySchedule: 'dq', unmapped: 'drop' },
      }),
    );
    const bad: AlertRule[] = [
      {
        name: 'p',
        metric: 'drift.score',
        comparison: 'lt',
        threshold: 0.05,
        severity: 'warning',
        dimensions: { feature: 'a', measure: 'p_value' },
      },
      { name: 'p', metric: 'dataset.drift_share', comparison: 'gt', threshold: 0.5, severity: 'warning' },
    ];
    const error = await manager.sync(bad, { monitor: 'm' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'rules[0].metric', message: expect.stringMatching(/^drift\.score cannot be an alarm: .*p-values/) },
      { path: 'rules[1].name', message: 'duplicate rule name "p"' },
    ]);
    expect(sent).toEqual([]);
    manager.shutdown();
  });

  it('is created by the plugin from config options', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
    try {
      const provider = cloudWatchPlugin.providers.find((p) => p.port === 'AlarmManager')!;
      const alarmPrefix = freshPrefix();
      const namespace = freshNamespace();
      await publishRun(server.endpoint, 'x', { namespace });
      const parsed = provider.options.parse({
        endpoint: server.endpoint,
        region: 'us-east-1',
        alarmPrefix,
        namespace,
        requestCompression: false,
      });
      const manager = (await provider.create(parsed, testProviderContext({ baseDir: '.' }))) as CloudWatchAlarmManager;
      expect((await manager.sync(rules.slice(0, 1), { monitor: 'x' })).created).toEqual([`${alarmPrefix}x/age-drift`]);
      const { client } = countingClient(server.endpoint);
      expect((await describeAll(client, alarmPrefix)).size).toBe(1);
      manager.shutdown();
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});

describe('CloudWatchAlarmManager against a wire-level CloudWatch peer', () => {
  it('wraps a DescribeAlarms failure in a provider error naming the operation, after retrying throttling', async () => {
    const wire = await startCloudWatchWireServer((req) =>
      req.operation === 'DescribeAlarms' ? { ok: false, status: 400, code: 'Throttling', message: 'Rate exceeded' } : { ok: true },
    );
    const { client } = countingClient(wire.endpoint);
    const waits: number[] = [];
    const manager = new CloudWatchAlarmManager(client, options({ maxAttempts: 3, retryBaseDelayMs: 1000 }), {
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.25,
    });
    const error = await manager.sync(rules, { monitor: 'credit' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ provider: 'cloudwatch', operation: 'DescribeAlarms' });
    expect((error as Error).message).toBe('cloudwatch DescribeAlarms: prefix "driftwatch-credit/": Throttling: Rate exceeded');
    // One ListMetrics per rule finds nothing, so the rules are pending; DescribeAlarms is still read, to report stale alarms.
    expect(wire.requests.map((r) => r.operation)).toEqual([
      'ListMetrics',
      'ListMetrics',
      'ListMetrics',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms',
    ]);
    expect(waits).toEqual([250, 500]);
    manager.shutdown();
    await wire.close();
  });

  it('wraps a PutMetricAlarm validation error without retrying it', async () => {
    // ListMetrics answers with the series the rule names (AWS JSON 1.0 ListMetricsOutput).
    const dims = Object.entries({ ...rules[0]!.dimensions, monitor: 'credit' }).map(([Name, Value]) => ({ Name, Value }));
    const metrics = { Metrics: [{ Namespace: 'Driftwatch', MetricName: 'drift.score', Dimensions: dims }] };
    const wire = await startCloudWatchWireServer((req) =>
      req.operation === 'PutMetricAlarm'
        ? { ok: false, status: 400, code: 'InvalidParameterValue', message: 'bad period' }
        : { ok: true, ...(req.operation === 'ListMetrics' && { body: metrics }) },
    );
    const { client } = countingClient(wire.endpoint);
    const manager = new CloudWatchAlarmManager(client, options({}), { sleep: async () => expect.unreachable('no retry') });
    const error = await manager.sync(rules.slice(0, 1), { monitor: 'credit' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ provider: 'cloudwatch', operation: 'PutMetricAlarm' });
    expect((error as Error).message).toBe(
      'cloudwatch PutMetricAlarm: alarm "driftwatch-credit/age-drift": InvalidParameterValue: bad period',
    );
    expect(wire.requests.map((r) => r.operation)).toEqual(['ListMetrics', 'DescribeAlarms', 'PutMetricAlarm']);
    manager.shutdown();
    await wire.close();
  });
});
