import { type AlarmManager, type AlarmSyncPlan, type AlarmSyncResult, type AlertRule, ConfigError } from '@driftwatch/core';
import { AlertPolicyServiceClient, type protos } from '@google-cloud/monitoring';
import type { z } from 'zod';
import { GcpClientConnection } from '../client/GcpClientConnection.js';
import { type GaxClientOptions, gaxClientOptions } from '../client/gaxClientOptions.js';
import { parseOptions } from '../client/parseOptions.js';
import { resolveProjectId } from '../client/resolveProjectId.js';
import { gcpProvider, gcpProviderError } from '../errors/gcpProviderError.js';
import { metricType } from '../mapping/metricType.js';
import { alertPolicyFor, filterString } from './alertPolicyFor.js';
import { gcpAlertPolicyOptionsSchema } from './gcpAlertPolicyOptions.js';
import { policyDifferences } from './policyFingerprint.js';
import { labelValueFor, monitorLabelKey, ruleLabelKey } from './ruleLabels.js';

type IAlertPolicy = protos.google.monitoring.v3.IAlertPolicy;

/** Options of {@link GcpAlertPolicyManager}: the config options, plus client options for code. */
export type GcpAlertPolicyManagerOptions = z.input<typeof gcpAlertPolicyOptionsSchema> & {
  /** Passed to `AlertPolicyServiceClient`, over the computed options; not settable from config. */
  readonly clientOptions?: GaxClientOptions;
};

const service = 'google.monitoring.v3.AlertPolicyService';
/** The fields an update replaces; everything else (e.g. other people's user labels, alert strategy) is kept. */
const managedFields = [
  'display_name',
  'user_labels',
  'combiner',
  'conditions',
  'notification_channels',
  'severity',
  'documentation',
  'enabled',
];
/** What a Cloud Monitoring sync changed, plus the monitor's policies no rule produces any more. */
export interface GcpAlarmSyncResult extends AlarmSyncResult {
  /** Policies labelled with the monitor that no rule produces (resource names); deleted when `prune` is on. */
  readonly stale: readonly string[];
  /** Of `stale`, those deleted (empty unless `prune`). */
  readonly deleted: readonly string[];
  /** Always empty: a policy needs no published series to be created. */
  readonly pending: readonly [];
}

interface Comparison {
  readonly plan: AlarmSyncPlan;
  readonly client: AlertPolicyServiceClient;
  readonly parent: string;
  /** The policy to create or update for each rule that is not unchanged, with the existing policy's name for updates. */
  readonly writes: readonly { readonly rule: string; readonly policy: IAlertPolicy; readonly current?: IAlertPolicy }[];
}

const comparisons = new Set(['gt', 'gte', 'lt', 'lte']);
const severities = new Set(['info', 'warning', 'critical']);

/**
 * Keeps one Cloud Monitoring alert policy per Driftwatch alert rule. A policy is
 * recognised by its `driftwatch_rule` user label (a slug of monitor and rule
 * name plus a hash); `sync` lists the monitor's policies, creates the missing
 * ones and updates only those whose managed fields differ, so running it twice
 * makes no call the second time but the listing. Policies labelled with the
 * monitor that no rule produces (a removed or renamed rule, a duplicate) are
 * reported as stale, and deleted when `prune` is on. {@link plan} makes the
 * same comparison and changes nothing (`alarms sync --dry-run`).
 * The policies' metrics must exist — publish once with the sink before the first sync.
 */
export class GcpAlertPolicyManager implements AlarmManager {
  #shutdown: Promise<void> | undefined;
  readonly type = gcpProvider;
  /** The configured project, if any; otherwise the credentials' project is used. */
  readonly projectId: string | undefined;
  readonly #connection: GcpClientConnection<AlertPolicyServiceClient>;
  readonly #options: z.output<typeof gcpAlertPolicyOptionsSchema>;
  #projectId: Promise<string> | undefined;

  constructor(options: GcpAlertPolicyManagerOptions = {}) {
    const { clientOptions, ...rest } = options;
    this.#options = parseOptions(gcpAlertPolicyOptionsSchema, rest, 'gcp-monitoring alarm manager');
    this.projectId = this.#options.projectId;
    const gax = gaxClientOptions(service, ['ListAlertPolicies', 'CreateAlertPolicy', 'UpdateAlertPolicy', 'DeleteAlertPolicy'], {
      ...this.#options,
      clientOptions,
    });
    this.#connection = new GcpClientConnection(() => new AlertPolicyServiceClient(gax), this.#options.timeoutMs);
  }

  /** What {@link sync} would do against the monitor's policies as they are now; changes nothing. */
  async plan(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<AlarmSyncPlan> {
    return (await this.#compare(rules, context)).plan;
  }

  async sync(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<GcpAlarmSyncResult> {
    const { plan, client, parent, writes } = await this.#compare(rules, context);
    for (const { rule, policy, current } of writes) {
      if (current === undefined) {
        try {
          await client.createAlertPolicy({ name: parent, alertPolicy: policy });
        } catch (error) {
          throw gcpProviderError('CreateAlertPolicy', error, ` (rule ${rule})`);
        }
      } else {
        try {
          await client.updateAlertPolicy({
            alertPolicy: { ...policy, name: current.name, userLabels: { ...current.userLabels, ...policy.userLabels } },
            updateMask: { paths: managedFields },
          });
        } catch (error) {
          throw gcpProviderError('UpdateAlertPolicy', error, ` (rule ${rule}, policy ${current.name})`);
        }
      }
    }
    const deleted: string[] = [];
    for (const name of plan.delete) {
      try {
        await client.deleteAlertPolicy({ name });
      } catch (error) {
        throw gcpProviderError('DeleteAlertPolicy', error, ` (stale policy ${name})`);
      }
      deleted.push(name);
    }
    return {
      created: [...plan.create],
      updated: plan.update.map((u) => u.name),
      unchanged: [...plan.unchanged],
      stale: [...plan.stale],
      deleted,
      pending: [],
    };
  }

  /** Lists the monitor's policies and compares them with the rules' policies. */
  async #compare(rules: readonly AlertRule[], context: { readonly monitor: string }): Promise<Comparison> {
    this.#check(rules, context);
    const desired = rules.map((rule) => ({ rule, policy: alertPolicyFor(rule, context.monitor, this.#options) }));
    // Authenticated first: with no credentials, the project lookup would fail with a less useful message.
    const client = await this.#connection.ready();
    this.#projectId ??= resolveProjectId(this.#options.projectId, client).catch((e) => {
      this.#projectId = undefined;
      throw e;
    });
    const projectId = await this.#projectId;
    const parent = `projects/${projectId}`;

    let existing: IAlertPolicy[];
    try {
      // Paged by google-gax (autoPaginate); the filter keeps the listing to this monitor's policies.
      [existing] = await client.listAlertPolicies({
        name: parent,
        filter: `user_label.${monitorLabelKey} = ${filterString(labelValueFor(context.monitor))}`,
      });
    } catch (error) {
      throw gcpProviderError('ListAlertPolicies', error, ` (monitor ${context.monitor})`);
    }
    const monitorLabel = labelValueFor(context.monitor);
    const byRule = new Map<string, IAlertPolicy>();
    const others: IAlertPolicy[] = [];
    for (const p of existing) {
      // The filter is the service's; check the label again so a lenient peer can never make us prune others' policies.
      if (p.userLabels?.[monitorLabelKey] !== monitorLabel) continue;
      const id = p.userLabels?.[ruleLabelKey];
      if (id !== undefined && !byRule.has(id)) byRule.set(id, p);
      else others.push(p);
    }

    const create: string[] = [];
    const update: { name: string; fields: string[] }[] = [];
    const unchanged: string[] = [];
    const writes: { rule: string; policy: IAlertPolicy; current?: IAlertPolicy }[] = [];
    const wanted = new Set<string>();
    for (const { rule, policy } of desired) {
      const id = policy.userLabels![ruleLabelKey];
      wanted.add(id);
      const current = byRule.get(id);
      if (current === undefined) {
        create.push(rule.name);
        writes.push({ rule: rule.name, policy });
        continue;
      }
      const fields = policyDifferences(policy, current);
      if (fields.length === 0) unchanged.push(rule.name);
      else {
        update.push({ name: rule.name, fields });
        writes.push({ rule: rule.name, policy, current });
      }
    }
    const stale = [...[...byRule].filter(([id]) => !wanted.has(id)).map(([, p]) => p), ...others]
      .map((p) => p.name ?? '')
      .filter((n) => n.length > 0)
      .sort();
    return {
      plan: { create, update, unchanged, stale, delete: this.#options.prune ? stale : [], pending: [] },
      client,
      parent,
      writes,
    };
  }

  /** Closes the gRPC channel. Idempotent. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#connection.close();
    return this.#shutdown;
  }

  /** Rules come from config: report every problem at once, with its path. */
  #check(rules: readonly AlertRule[], context: { readonly monitor: string }): void {
    const issues: { path: string; message: string }[] = [];
    if (typeof context?.monitor !== 'string' || context.monitor.length === 0)
      issues.push({ path: 'monitor', message: 'must be a non-empty string' });
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      const at = `rules[${i}]`;
      if (typeof r.name !== 'string' || r.name.length === 0) issues.push({ path: `${at}.name`, message: 'must be a non-empty string' });
      else if (seen.has(r.name)) issues.push({ path: `${at}.name`, message: `duplicate rule name "${r.name}"` });
      else seen.add(r.name);
      if (!comparisons.has(r.comparison))
        issues.push({ path: `${at}.comparison`, message: `unknown comparison "${String(r.comparison)}" (known: gt, gte, lt, lte)` });
      if (!severities.has(r.severity))
        issues.push({ path: `${at}.severity`, message: `unknown severity "${String(r.severity)}" (known: info, warning, critical)` });
      if (typeof r.threshold !== 'number' || !Number.isFinite(r.threshold))
        issues.push({ path: `${at}.threshold`, message: 'must be a finite number' });
      if (typeof r.metric !== 'string') issues.push({ path: `${at}.metric`, message: 'must be a metric name such as drift.score' });
      else {
        try {
          metricType(r.metric, this.#options.metricPrefix);
        } catch (e) {
          issues.push({ path: `${at}.metric`, message: (e as Error).message });
        }
      }
    });
    if (issues.length > 0) {
      throw new ConfigError(`invalid alert rules: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
    }
  }
}
