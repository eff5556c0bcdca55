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
      plaintext: false,
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

  it('takes apiEndpoint as host or host:port, and plaintext only with an apiEndpoint', () => {
    const sinkOptions = provider('MetricsSink').options;
    for (const apiEndpoint of [
      '127.0.0.1:38479',
      'localhost:8085',
      'monitoring.googleapis.com',
      'europe-west1-monitoring.example.com:443',
      '[::1]:8085',
    ])
      expect(sinkOptions.safeParse({ apiEndpoint, plaintext: true }).success, apiEndpoint).toBe(true);
    for (const apiEndpoint of ['http://127.0.0.1:8085', '127.0.0.1:0', '127.0.0.1:70000', 'host:port', 'a/b', '127.0.0.1:']) {
      const result = sinkOptions.safeParse({ apiEndpoint });
      expect(result.success, apiEndpoint).toBe(false);
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['apiEndpoint', 'must be host or host:port (port 1–65535), without a scheme or path'],
      ]);
    }
    for (const options of [provider('MetricsSink').options, provider('AlarmManager').options]) {
      const result = options.safeParse({ plaintext: true });
      expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['plaintext', 'plaintext connects to a local emulator: give its apiEndpoint (host:port) too'],
      ]);
    }
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
