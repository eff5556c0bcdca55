import type { AlertRule } from '@driftwatch/core';
import { ConfigError, ProviderError } from '@driftwatch/core';
import { status } from '@grpc/grpc-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeMonitoringServer } from '../testing/FakeMonitoringServer.js';
import { GcpAlertPolicyManager, type GcpAlertPolicyManagerOptions } from './GcpAlertPolicyManager.js';

const project = 'test-project';
let server: FakeMonitoringServer;
const managers: GcpAlertPolicyManager[] = [];

beforeEach(async () => {
  server = await FakeMonitoringServer.start();
});
afterEach(async () => {
  for (const m of managers.splice(0)) await m.shutdown();
  await server.stop();
});

function manager(options: GcpAlertPolicyManagerOptions = {}): GcpAlertPolicyManager {
  const m = new GcpAlertPolicyManager({
    projectId: project,
    retry: { initialDelayMs: 1, maxDelayMs: 5 },
    ...options,
    clientOptions: server.clientOptions(project),
  });
  managers.push(m);
  return m;
}

const rules: AlertRule[] = [
  {
    name: 'age drift',
    metric: 'drift.score',
    comparison: 'lt',
    threshold: 0.05,
    severity: 'warning',
    dimensions: { feature: 'age', method: 'ks' },
  },
  { name: 'dataset drift', metric: 'dataset.drift_share', comparison: 'gte', threshold: 0.5, severity: 'critical' },
  { name: 'f1 drop', metric: 'performance.f1', comparison: 'lt', threshold: 0.8, severity: 'info', dimensions: { metric: 'f1' } },
];

const writes = () => server.calls.filter((c) => c.method === 'CreateAlertPolicy' || c.method === 'UpdateAlertPolicy');

describe('GcpAlertPolicyManager', () => {
  it('creates one metric-threshold policy per rule', async () => {
    const m = manager({ notificationChannels: ['projects/test-project/notificationChannels/42'], durationSeconds: 120 });
    const result = await m.sync(rules, { monitor: 'credit' });
    expect(result).toEqual({
      created: ['age drift', 'dataset drift', 'f1 drop'],
      updated: [],
      unchanged: [],
      stale: [],
      deleted: [],
      pending: [],
    });
    const creates = server.requests('CreateAlertPolicy');
    expect(creates).toHaveLength(3);
    expect(creates.every((c) => c.name === `projects/${project}`)).toBe(true);

    const age = creates[0].alertPolicy;
    expect(age.displayName).toBe('Driftwatch: credit / age drift');
    expect(age.userLabels.driftwatch_rule).toMatch(/^credit--age-drift-[0-9a-f]{8}$/);
    expect(age.userLabels.driftwatch_monitor).toMatch(/^credit-[0-9a-f]{8}$/);
    expect(age.combiner).toBe('OR');
    expect(age.severity).toBe('WARNING');
    expect(age.notificationChannels).toEqual(['projects/test-project/notificationChannels/42']);
    expect(age.conditions).toHaveLength(1);
    const t = age.conditions[0].conditionThreshold;
    expect(t.filter).toBe(
      'metric.type = "custom.googleapis.com/driftwatch/drift/score" AND resource.type = "global" AND metric.label.feature = "age" AND metric.label.method = "ks" AND metric.label.monitor = "credit"',
    );
    expect(t.comparison).toBe('COMPARISON_LT');
    expect(t.thresholdValue).toBe(0.05);
    expect(Number(t.duration.seconds)).toBe(120);
    expect(t.aggregations).toHaveLength(1);
    expect(Number(t.aggregations[0].alignmentPeriod.seconds)).toBe(300);
    expect(t.aggregations[0].perSeriesAligner).toBe('ALIGN_MIN');

    const share = creates[1].alertPolicy;
    expect(share.severity).toBe('CRITICAL');
    expect(share.conditions[0].conditionThreshold.comparison).toBe('COMPARISON_GE');
    expect(share.conditions[0].conditionThreshold.aggregations[0].perSeriesAligner).toBe('ALIGN_MAX');
    expect(share.conditions[0].conditionThreshold.filter).toBe(
      'metric.type = "custom.googleapis.com/driftwatch/dataset/drift_share" AND resource.type = "global" AND metric.label.monitor = "credit"',
    );
    expect(creates[2].alertPolicy.severity).toBe('SEVERITY_UNSPECIFIED');
    expect(server.policies.size).toBe(3);
  });

  it('changes nothing on a second sync: all unchanged, no create or update calls', async () => {
    const m = manager();
    await m.sync(rules, { monitor: 'credit' });
    const before = writes().length;
    // A fresh manager, as in the next run of the process.
    const again = await manager().sync(rules, { monitor: 'credit' });
    expect(again).toEqual({
      created: [],
      updated: [],
      unchanged: ['age drift', 'dataset drift', 'f1 drop'],
      stale: [],
      deleted: [],
      pending: [],
    });
    expect(writes()).toHaveLength(before);
    // The fake pages its listing two policies at a time: google-gax followed the page token.
    const lists = server.requests('ListAlertPolicies');
    expect(lists.at(-1).pageToken).not.toBe('');
  });

  it('updates only the policies whose managed fields differ, keeping other user labels', async () => {
    await manager().sync(rules, { monitor: 'credit' });
    const [first] = server.policies.values();
    server.policies.set(first.name, { ...first, userLabels: { ...first.userLabels, team: 'risk' } });
    const changed = rules.map((r) => (r.name === 'dataset drift' ? { ...r, threshold: 0.3 } : r));
    const result = await manager().sync(changed, { monitor: 'credit' });
    expect(result).toEqual({
      created: [],
      updated: ['dataset drift'],
      unchanged: ['age drift', 'f1 drop'],
      stale: [],
      deleted: [],
      pending: [],
    });
    const [update] = server.requests('UpdateAlertPolicy');
    expect(update.alertPolicy.conditions[0].conditionThreshold.thresholdValue).toBe(0.3);
    expect(update.updateMask.paths).toContain('conditions');
    const stored = [...server.policies.values()].find((p) => p.displayName.endsWith('dataset drift'));
    expect(stored.conditions[0].conditionThreshold.thresholdValue).toBe(0.3);
    // An extra user label on a policy is not a difference.
    expect(server.policies.get(first.name).userLabels.team).toBe('risk');
  });

  it('updates a policy someone edited in the console back to the rule', async () => {
    await manager().sync(rules, { monitor: 'credit' });
    const [first] = server.policies.values();
    server.policies.set(first.name, { ...first, displayName: 'renamed by hand', userLabels: { ...first.userLabels, team: 'risk' } });
    const result = await manager().sync(rules, { monitor: 'credit' });
    expect(result.updated).toEqual(['age drift']);
    const stored = server.policies.get(first.name);
    expect(stored.displayName).toBe('Driftwatch: credit / age drift');
    expect(stored.userLabels.team).toBe('risk');
  });

  it('plan diffs against the service and changes nothing: create, update with the fields that differ, unchanged, stale', async () => {
    const empty = await manager().plan(rules, { monitor: 'credit' });
    expect(empty).toEqual({
      create: ['age drift', 'dataset drift', 'f1 drop'],
      update: [],
      unchanged: [],
      stale: [],
      delete: [],
      pending: [],
    });
    expect(server.policies.size).toBe(0);

    await manager().sync(rules, { monitor: 'credit' });
    const before = server.calls.filter((c) => c.method !== 'ListAlertPolicies').length;
    const age = [...server.policies.values()].find((p) => p.displayName.endsWith('age drift'));
    // Edited in the console: another name; someone's own label is no difference.
    server.policies.set(age.name, { ...age, displayName: 'renamed by hand', userLabels: { ...age.userLabels, team: 'risk' } });
    const changed = [
      { ...rules[0], threshold: 0.01, severity: 'critical' as const },
      rules[1],
      { name: 'income drift', metric: 'drift.score', comparison: 'gt' as const, threshold: 0.2, severity: 'warning' as const },
    ];
    const f1 = [...server.policies.values()].find((p) => p.displayName.endsWith('f1 drop'));
    const plan = await manager().plan(changed, { monitor: 'credit' });
    expect(plan).toEqual({
      create: ['income drift'],
      update: [{ name: 'age drift', fields: ['displayName', 'severity', 'documentation', 'conditions'] }],
      unchanged: ['dataset drift'],
      stale: [f1.name],
      delete: [],
      pending: [],
    });
    expect(server.calls.filter((c) => c.method !== 'ListAlertPolicies')).toHaveLength(before);

    // With prune, the plan deletes the stale policy, and so does the sync; a sync then agrees with the plan.
    const pruning = manager({ prune: true });
    expect((await pruning.plan(changed, { monitor: 'credit' })).delete).toEqual([f1.name]);
    const result = await pruning.sync(changed, { monitor: 'credit' });
    expect(result).toEqual({
      created: ['income drift'],
      updated: ['age drift'],
      unchanged: ['dataset drift'],
      stale: [f1.name],
      deleted: [f1.name],
      pending: [],
    });
    expect(server.policies.has(f1.name)).toBe(false);
    expect(await manager().plan(changed, { monitor: 'credit' })).toEqual({
      create: [],
      update: [],
      unchanged: ['age drift', 'dataset drift', 'income drift'],
      stale: [],
      delete: [],
      pending: [],
    });
  });

  it("without prune a sync reports stale policies and keeps them; other monitors' policies are never stale", async () => {
    await manager().sync(rules, { monitor: 'credit' });
    await manager().sync(rules, { monitor: 'other' });
    const result = await manager().sync([rules[1]], { monitor: 'credit' });
    expect(result.stale).toHaveLength(2);
    expect(result.deleted).toEqual([]);
    expect(server.policies.size).toBe(6);
    expect(server.requests('DeleteAlertPolicy')).toHaveLength(0);
  });

  it('keeps the policies of different monitors apart', async () => {
    await manager().sync(rules, { monitor: 'credit' });
    const result = await manager().sync(rules, { monitor: 'Credit' });
    expect(result.created).toHaveLength(3);
    expect(server.policies.size).toBe(6);
    expect(server.requests('ListAlertPolicies').at(-1).filter).toMatch(/^user_label\.driftwatch_monitor = "credit-[0-9a-f]{8}"$/);
  });

  it('filters on the configured resource type and dimension, without the monitor when told so', async () => {
    await manager({ resourceType: 'generic_task', monitorDimension: null, aligner: 'ALIGN_MEAN', alignmentPeriodSeconds: 3600 }).sync(
      [rules[1]],
      {
        monitor: 'credit',
      },
    );
    const t = server.requests('CreateAlertPolicy')[0].alertPolicy.conditions[0].conditionThreshold;
    expect(t.filter).toBe('metric.type = "custom.googleapis.com/driftwatch/dataset/drift_share" AND resource.type = "generic_task"');
    expect(t.aggregations[0].perSeriesAligner).toBe('ALIGN_MEAN');
    expect(Number(t.aggregations[0].alignmentPeriod.seconds)).toBe(3600);
  });

  it('escapes quotes in filter values', async () => {
    await manager().sync([{ ...rules[0], dimensions: { feature: 'say "hi"\\' } }], { monitor: 'credit' });
    const t = server.requests('CreateAlertPolicy')[0].alertPolicy.conditions[0].conditionThreshold;
    expect(t.filter).toContain('metric.label.feature = "say \\"hi\\"\\\\"');
  });

  it('wraps API failures as ProviderErrors naming the operation', async () => {
    server.failNext('CreateAlertPolicy', status.INVALID_ARGUMENT, 'Field alert_policy.conditions[0] had an invalid value');
    const error = await manager()
      .sync(rules, { monitor: 'credit' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.provider).toBe('gcp-monitoring');
    expect(error.operation).toBe('CreateAlertPolicy');
    expect(error.message).toContain('INVALID_ARGUMENT: Field alert_policy.conditions[0]');
    expect(error.message).toContain('rule age drift');

    server.failNext('ListAlertPolicies', status.PERMISSION_DENIED, 'monitoring.alertPolicies.list denied');
    const denied = await manager()
      .sync(rules, { monitor: 'credit' })
      .catch((e) => e);
    expect(denied.operation).toBe('ListAlertPolicies');
    expect(denied.message).toContain('PERMISSION_DENIED');
  });

  it('retries a listing that failed with UNAVAILABLE', async () => {
    server.failNext('ListAlertPolicies', status.UNAVAILABLE, 'try again');
    const result = await manager().sync(rules, { monitor: 'credit' });
    expect(result.created).toHaveLength(3);
    expect(server.requests('ListAlertPolicies')).toHaveLength(2);
  });

  it('rejects bad rules with every problem and its path, before any call', async () => {
    const bad = [
      { ...rules[0], comparison: 'above' },
      { ...rules[1], threshold: Number.NaN, severity: 'loud' },
      { ...rules[0], metric: '...' },
    ] as unknown as AlertRule[];
    const error = await manager()
      .sync(bad, { monitor: 'credit' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((i: any) => i.path)).toEqual([
      'rules[0].comparison',
      'rules[1].severity',
      'rules[1].threshold',
      'rules[2].name',
      'rules[2].metric',
    ]);
    expect(server.calls).toHaveLength(0);
  });

  it('rejects bad options with their paths', () => {
    let error: ConfigError | undefined;
    try {
      manager({ durationSeconds: 90, notificationChannels: ['email:me@example.com'], alignmentPeriodSeconds: 30 });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(Object.fromEntries(error!.issues.map((i) => [i.path, i.message]))).toEqual({
      durationSeconds: 'must be a multiple of 60 seconds',
      'notificationChannels.0': 'must be projects/<project>/notificationChannels/<id>',
      alignmentPeriodSeconds: expect.stringMatching(/60/),
    });
  });
});
