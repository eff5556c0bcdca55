import { isDriftwatchPlugin } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { CloudWatchAlarmManager } from './alarms/CloudWatchAlarmManager.js';
import { createCloudWatchClient } from './client/createCloudWatchClient.js';
import plugin from './index.js';
import { CloudWatchMetricsSink } from './sink/CloudWatchMetricsSink.js';

describe('the CloudWatch plugin', () => {
  it('is a Driftwatch plugin with a cloudwatch sink and a cloudwatch alarm manager', () => {
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@driftwatch/plugin-aws-cloudwatch');
    expect(plugin.providers.map((p) => `${p.port}:${p.type}`)).toEqual(['MetricsSink:cloudwatch', 'AlarmManager:cloudwatch']);
  });

  it('creates its providers from parsed options', async () => {
    const [sink, alarms] = plugin.providers;
    const context = testProviderContext({ baseDir: '.', env: { AWS_REGION: 'eu-central-1' } });
    const s = await sink.create(sink.options.parse({}), context);
    expect(s).toBeInstanceOf(CloudWatchMetricsSink);
    expect((s as CloudWatchMetricsSink).type).toBe('cloudwatch');
    const a = await alarms.create(alarms.options.parse({}), context);
    expect(a).toBeInstanceOf(CloudWatchAlarmManager);
    await (s as CloudWatchMetricsSink).shutdown();
    (a as CloudWatchAlarmManager).shutdown();
  });

  it('reports every broken option at once, with its path', () => {
    const [sink] = plugin.providers;
    const r = sink.options.safeParse({ maxBatchSize: 0, compat: 'sagemaker-model-monitor' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['maxBatchSize', 'sagemaker']);
  });
});

describe('createCloudWatchClient', () => {
  it('resolves the region as option, then AWS_REGION, then AWS_DEFAULT_REGION, and turns the SDK retries off', async () => {
    const explicit = createCloudWatchClient({ region: 'us-west-2', requestCompression: true }, { AWS_REGION: 'eu-west-1' });
    expect(await explicit.config.region()).toBe('us-west-2');
    const fromEnv = createCloudWatchClient({ requestCompression: true }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(await fromEnv.config.region()).toBe('eu-west-1');
    const fallback = createCloudWatchClient({ requestCompression: false }, { AWS_DEFAULT_REGION: 'ap-south-1' });
    expect(await fallback.config.region()).toBe('ap-south-1');
    expect(await fallback.config.maxAttempts()).toBe(1);
    expect(await fallback.config.disableRequestCompression()).toBe(true);
    for (const c of [explicit, fromEnv, fallback]) c.destroy();
  });
});
