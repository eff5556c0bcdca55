import {
  type CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  type MetricAlarm,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import { errorCode, type RetryPolicy, type RetrySeams, retryPolicyFrom, withRetry } from '@driftwatch/aws-common';
import { type AlarmManager, type AlarmSyncResult, type AlertRule, ProviderError } from '@driftwatch/core';
import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';
import { createMetricMapper } from '../mapping/createMetricMapper.js';
import type { MetricMapper } from '../mapping/MetricMapper.js';
import type { CloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';
import { alarmDifferences } from './alarmMatches.js';
import { desiredAlarms, monitorAlarmPrefix } from './desiredAlarms.js';

/** What a CloudWatch sync changed, plus the alarms no rule produces any more. */
export interface CloudWatchAlarmSyncResult extends AlarmSyncResult {
  /** Alarms under the monitor's prefix that no rule produces; deleted when `prune` is on. */
  readonly stale: readonly string[];
  /** Of `stale`, those deleted (empty unless `prune`). */
  readonly deleted: readonly string[];
}

/** Seams for tests: the retry waits and their jitter. */
export type CloudWatchAlarmManagerDependencies = RetrySeams;

/**
 * Turns alert rules into CloudWatch metric alarms, idempotently: it reads the
 * monitor's alarms (DescribeAlarms by the `<prefix><monitor>/` prefix), and
 * calls PutMetricAlarm only for alarms that are missing or differ in a field
 * it manages. Alarms under the prefix that no rule produces are reported as
 * stale, and deleted when `prune` is on. Alarms outside the prefix are never
 * read or touched.
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

  async sync(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<CloudWatchAlarmSyncResult> {
    const wanted = desiredAlarms(rules, context.monitor, this.#options, this.#mapper);
    const existing = await this.#describe(monitorAlarmPrefix(this.#options, context.monitor));
    const created: string[] = [];
    const updated: string[] = [];
    const unchanged: string[] = [];
    for (const alarm of wanted) {
      const name = alarm.AlarmName!;
      const current = existing.get(name);
      if (current && alarmDifferences(alarm, current).length === 0) {
        unchanged.push(name);
        continue;
      }
      await this.#call('PutMetricAlarm', `alarm "${name}"`, () => this.#client.send(new PutMetricAlarmCommand(alarm)));
      (current ? updated : created).push(name);
    }
    const wantedNames = new Set(wanted.map((a) => a.AlarmName!));
    const stale = [...existing.keys()].filter((n) => !wantedNames.has(n)).sort();
    const deleted: string[] = [];
    if (this.#options.prune) {
      for (let i = 0; i < stale.length; i += cloudWatchLimits.maxAlarmsPerDelete) {
        const names = stale.slice(i, i + cloudWatchLimits.maxAlarmsPerDelete);
        await this.#call('DeleteAlarms', `${names.length} stale alarms`, () =>
          this.#client.send(new DeleteAlarmsCommand({ AlarmNames: names })),
        );
        deleted.push(...names);
      }
    }
    return { created, updated, unchanged, stale, deleted };
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
