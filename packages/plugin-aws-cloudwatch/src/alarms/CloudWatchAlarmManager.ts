import {
  type CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  type Dimension,
  ListMetricsCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
  type PutMetricAlarmInput,
} from '@aws-sdk/client-cloudwatch';
import { errorCode, type RetryPolicy, type RetrySeams, retryPolicyFrom, withRetry } from '@driftwatch/aws-common';
import {
  type AlarmManager,
  type AlarmSyncPlan,
  type AlarmSyncResult,
  type AlertRule,
  type PendingAlarmRule,
  ProviderError,
} from '@driftwatch/core';
import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';
import { createMetricMapper } from '../mapping/createMetricMapper.js';
import type { CloudWatchMetricId, MetricMapper } from '../mapping/MetricMapper.js';
import type { CloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';
import { alarmDifferences } from './alarmMatches.js';
import { type AlarmTarget, alarmTargets, desiredAlarms, monitorAlarmPrefix } from './desiredAlarms.js';

/** What a CloudWatch sync changed, plus the alarms no rule produces any more. */
export interface CloudWatchAlarmSyncResult extends AlarmSyncResult {
  /** Alarms under the monitor's prefix that no rule produces; deleted when `prune` is on. */
  readonly stale: readonly string[];
  /** Of `stale`, those deleted (empty unless `prune`). */
  readonly deleted: readonly string[];
  /** Rules whose metric has not been published yet: no alarm could watch a series the sink writes. */
  readonly pending: readonly PendingAlarmRule[];
}

/** Seams for tests: the retry waits and their jitter. */
export type CloudWatchAlarmManagerDependencies = RetrySeams;

interface Comparison {
  readonly plan: AlarmSyncPlan;
  readonly puts: readonly PutMetricAlarmInput[];
}

/**
 * Turns alert rules into CloudWatch metric alarms, idempotently: it reads the
 * monitor's alarms (DescribeAlarms by the `<prefix><monitor>/` prefix) and the
 * dimension sets the sink has published for each rule's metric (ListMetrics),
 * and calls PutMetricAlarm only for alarms that are missing or differ in a
 * field it manages. A rule that leaves dimensions open becomes one alarm per
 * published series, so every alarm watches a metric that receives data; a
 * rule whose metric was never published is pending. Alarms under the prefix
 * that no rule produces are reported as stale, and deleted when `prune` is on.
 * Alarms outside the prefix are never read or touched.
 */
export class CloudWatchAlarmManager implements AlarmManager {
  readonly type = 'cloudwatch';
  readonly #client: CloudWatchClient;
  readonly #options: CloudWatchAlarmOptions;
  readonly #mapper: MetricMapper;
  readonly #retry: RetryPolicy;

  constructor(client: CloudWatchClient, options: CloudWatchAlarmOptions, dependencies: CloudWatchAlarmManagerDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#mapper = createMetricMapper(options);
    this.#retry = retryPolicyFrom(options, dependencies);
  }

  /** What {@link sync} would do against the alarms and metrics that exist now; changes nothing. */
  async plan(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<AlarmSyncPlan> {
    return (await this.#compare(rules, context.monitor)).plan;
  }

  async sync(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<CloudWatchAlarmSyncResult> {
    const { plan, puts } = await this.#compare(rules, context.monitor);
    const created = new Set(plan.create);
    for (const alarm of puts) {
      const name = alarm.AlarmName!;
      await this.#call('PutMetricAlarm', `alarm "${name}"`, () => this.#client.send(new PutMetricAlarmCommand(alarm)));
    }
    const deleted: string[] = [];
    for (let i = 0; i < plan.delete.length; i += cloudWatchLimits.maxAlarmsPerDelete) {
      const names = plan.delete.slice(i, i + cloudWatchLimits.maxAlarmsPerDelete);
      await this.#call('DeleteAlarms', `${names.length} stale alarms`, () =>
        this.#client.send(new DeleteAlarmsCommand({ AlarmNames: [...names] })),
      );
      deleted.push(...names);
    }
    return {
      created: puts.map((a) => a.AlarmName!).filter((n) => created.has(n)),
      updated: plan.update.map((u) => u.name),
      unchanged: [...plan.unchanged],
      stale: [...plan.stale],
      deleted,
      pending: [...plan.pending],
    };
  }

  async #compare(rules: readonly AlertRule[], monitor: string): Promise<Comparison> {
    const targets = alarmTargets(rules, monitor, this.#options, this.#mapper);
    const published = new Map<AlarmTarget, Dimension[][]>();
    for (const target of targets) {
      if (!target.metric.closed) published.set(target, await this.#listSeries(target.metric));
    }
    const { alarms, pending } = desiredAlarms(targets, monitor, this.#options, (t) => published.get(t));
    const prefix = monitorAlarmPrefix(this.#options, monitor);
    const existing = await this.#describe(prefix);
    const create: string[] = [];
    const update: { name: string; fields: string[] }[] = [];
    const unchanged: string[] = [];
    const puts: PutMetricAlarmInput[] = [];
    for (const alarm of alarms) {
      const name = alarm.AlarmName!;
      const current = existing.get(name);
      const fields = current ? alarmDifferences(alarm, current) : [];
      if (current && fields.length === 0) {
        unchanged.push(name);
        continue;
      }
      puts.push(alarm);
      if (current) update.push({ name, fields });
      else create.push(name);
    }
    const wantedNames = new Set(alarms.map((a) => a.AlarmName!));
    // A pending rule's alarms stay: its metric may just not have been published for two weeks.
    const pendingStems = pending.map((p) => prefix + p.rule);
    const kept = (n: string) => pendingStems.some((stem) => n === stem || n.startsWith(`${stem}/`));
    const stale = [...existing.keys()].filter((n) => !wantedNames.has(n) && !kept(n)).sort();
    return {
      plan: { create, update, unchanged, stale, delete: this.#options.prune ? stale : [], pending },
      puts,
    };
  }

  /**
   * The dimension sets published for `metric.metricName` in its namespace
   * that contain every dimension of `metric` (ListMetrics filters so; checked
   * again here), each sorted by name, in a stable order.
   */
  async #listSeries(metric: CloudWatchMetricId): Promise<Dimension[][]> {
    const wanted = metric.dimensions.map((d) => `${d.Name}\u0000${d.Value}`);
    const found = new Map<string, Dimension[]>();
    let token: string | undefined;
    do {
      const page = await this.#call('ListMetrics', `metric "${metric.metricName}"`, () =>
        this.#client.send(
          new ListMetricsCommand({
            Namespace: metric.namespace,
            MetricName: metric.metricName,
            Dimensions: metric.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
            NextToken: token,
          }),
        ),
      );
      for (const m of page.Metrics ?? []) {
        if (m.Namespace !== metric.namespace || m.MetricName !== metric.metricName) continue;
        const dims = [...(m.Dimensions ?? [])]
          .map((d) => ({ Name: d.Name, Value: d.Value }))
          .sort((a, b) => (a.Name! < b.Name! ? -1 : a.Name! > b.Name! ? 1 : 0));
        const keys = dims.map((d) => `${d.Name}\u0000${d.Value}`);
        if (!wanted.every((k) => keys.includes(k))) continue;
        found.set(keys.join('\u0001'), dims);
      }
      token = page.NextToken;
    } while (token);
    return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, dims]) => dims);
  }

  /** Releases the client's sockets. Idempotent. */
  shutdown(): void {
    this.#client.destroy();
  }

  async #describe(prefix: string): Promise<Map<string, MetricAlarm>> {
    const alarms = new Map<string, MetricAlarm>();
    let token: string | undefined;
    do {
      const page = await this.#call('DescribeAlarms', `prefix "${prefix}"`, () =>
        this.#client.send(
          new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken: token }),
        ),
      );
      for (const a of page.MetricAlarms ?? []) {
        // The prefix match is the service's; check it again so a lenient peer can never make us prune others' alarms.
        if (a.AlarmName?.startsWith(prefix)) alarms.set(a.AlarmName, a);
      }
      token = page.NextToken;
    } while (token);
    return alarms;
  }

  async #call<T>(operation: string, what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(send, this.#retry);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new ProviderError('cloudwatch', operation, `${what}: ${errorCode(cause) ?? 'Error'}: ${message}`, { cause });
    }
  }
}
