import { isDriftwatchPlugin } from '@driftwatch/core';
import { testProviderContext } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import plugin, { GcpAlertPolicyManager, GcpMetricsSink } from './index.js';

const provider = (port: string) => plugin.providers.find((p) => p.port === port && p.type === 'gcp-monitoring')!;
const context = testProviderContext({ baseDir: '.', env: { GOOGLE_CLOUD_PROJECT: 'env-project' } });

describe('gcpMonitoringPlugin', () => {
  it('is a plugin with a gcp-monitoring sink and alarm manager', () => {
    expect(isDriftwatchPlugin(plugin)).toBe(true);
    expect(plugin.name).toBe('@driftwatch/plugin-gcp-monitoring');
    expect(plugin.providers.map((p) => `${p.port}:${p.type}`)).toEqual(['MetricsSink:gcp-monitoring', 'AlarmManager:gcp-monitoring']);
  });

  it('fills the defaults of the sink options', () => {
    const parsed = provider('MetricsSink').options.parse({});
    expect(parsed).toEqual({
      metricPrefix: 'custom.googleapis.com/driftwatch',
      resource: { type: 'global' },
      timeoutMs: 12_000,
      retry: {
        codes: ['UNAVAILABLE', 'DEADLINE_EXCEEDED'],
        initialDelayMs: 100,
        multiplier: 1.3,
        maxDelayMs: 60_000,
        totalTimeoutMs: 120_000,
      },
    });
  });

  it('reports every broken sink option with its path', () => {
    const result = provider('MetricsSink').options.safeParse({
      projectId: 'UPPER',
      metricPrefix: 'custom.googleapis.com',
      resource: { type: 'gce_instance' },
      retry: { codes: ['NOT_FOUND'], multiplier: 0.5 },
      timeoutMs: -1,
      region: 'us',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['', 'metricPrefix', 'projectId', 'resource.type', 'retry.codes.0', 'retry.multiplier', 'timeoutMs']);
    expect(result.error!.issues.find((i) => i.path.length === 0)!.message).toMatch(/region/);
  });

  it('reports broken resource labels', () => {
    const result = provider('MetricsSink').options.safeParse({ resource: { type: 'generic_node', location: '', namespace: 'x' } });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['resource.location', 'resource.nodeId']);
  });

  it('reports every broken alarm option with its path', () => {
    const result = provider('AlarmManager').options.safeParse({
      resourceType: 'k8s_pod',
      durationSeconds: 61,
      alignmentPeriodSeconds: 100_000,
      aligner: 'ALIGN_RATE',
      notificationChannels: ['x'],
      monitorDimension: '',
    });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'aligner',
      'alignmentPeriodSeconds',
      'durationSeconds',
      'monitorDimension',
      'notificationChannels.0',
      'resourceType',
    ]);
  });

  it('creates the providers, taking the project from GOOGLE_CLOUD_PROJECT when none is set', async () => {
    const sink = (await provider('MetricsSink').create(provider('MetricsSink').options.parse({}), context)) as GcpMetricsSink;
    expect(sink).toBeInstanceOf(GcpMetricsSink);
    expect(sink.type).toBe('gcp-monitoring');
    expect(sink.projectId).toBe('env-project');
    const alarms = await provider('AlarmManager').create(provider('AlarmManager').options.parse({ projectId: 'my-project' }), context);
    expect(alarms).toBeInstanceOf(GcpAlertPolicyManager);
    expect((alarms as GcpAlertPolicyManager).projectId).toBe('my-project');
    const noEnv = await provider('AlarmManager').create(provider('AlarmManager').options.parse({}), testProviderContext({ baseDir: '.' }));
    expect((noEnv as GcpAlertPolicyManager).projectId).toBeUndefined();
    await (noEnv as GcpAlertPolicyManager).shutdown();
    await sink.shutdown();
    await (alarms as GcpAlertPolicyManager).shutdown();
  });
});
