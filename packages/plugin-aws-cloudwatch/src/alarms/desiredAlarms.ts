import type { ComparisonOperator, Dimension, PutMetricAlarmInput, Statistic } from '@aws-sdk/client-cloudwatch';
import { type AlertRule, ConfigError, type PendingAlarmRule } from '@driftwatch/core';
import type { CloudWatchMetricId, MetricMapper } from '../mapping/MetricMapper.js';
import type { CloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';

const operators: Record<AlertRule['comparison'], ComparisonOperator> = {
  gt: 'GreaterThanThreshold',
  gte: 'GreaterThanOrEqualToThreshold',
  lt: 'LessThanThreshold',
  lte: 'LessThanOrEqualToThreshold',
};
const symbols: Record<AlertRule['comparison'], string> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The prefix every alarm of `monitor` starts with: `<alarmPrefix><monitor>/`. */
export function monitorAlarmPrefix(options: Pick<CloudWatchAlarmOptions, 'alarmPrefix'>, monitor: string): string {
  return `${options.alarmPrefix}${monitor}/`;
}

/** A rule with the metric its point name and dimensions (plus `monitor`) map to. */
export interface AlarmTarget {
  readonly rule: AlertRule;
  /** `<alarmPrefix><monitor>/<rule>`: the alarm's name, or the stem of its per-series names. */
  readonly name: string;
  /** Namespace, name and the rule's dimension set as the sink maps it. */
  readonly metric: CloudWatchMetricId;
}

/**
 * Maps each rule the way the sink maps a point of the rule's name and
 * dimensions plus `monitor` (the runtime adds that dimension to a monitor's
 * points), with the same mapper. Rules that map nowhere, clash by name or
 * cannot be alarms fail together in one ConfigError before anything is sent.
 */
export function alarmTargets(
  rules: readonly AlertRule[],
  monitor: string,
  options: CloudWatchAlarmOptions,
  mapper: MetricMapper,
): AlarmTarget[] {
  const prefix = monitorAlarmPrefix(options, monitor);
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const targets: AlarmTarget[] = [];
  for (const [i, rule] of rules.entries()) {
    const path = `rules[${i}]`;
    const name = prefix + rule.name;
    if (seen.has(name)) {
      issues.push({ path: `${path}.name`, message: `duplicate rule name "${rule.name}"` });
      continue;
    }
    seen.add(name);
    if (name.length > 255) issues.push({ path: `${path}.name`, message: `alarm name "${name.slice(0, 60)}…" exceeds 255 characters` });
    if (!Number.isFinite(rule.threshold)) issues.push({ path: `${path}.threshold`, message: 'must be a finite number' });
    const mapped = mapper.map(rule.metric, { ...rule.dimensions, monitor: rule.dimensions?.monitor ?? monitor });
    if (!mapped.ok) {
      issues.push({ path: `${path}.metric`, message: `${rule.metric} cannot be an alarm: ${mapped.detail}` });
      continue;
    }
    targets.push({ rule, name, metric: mapped.metric });
  }
  if (issues.length > 0) throw rulesError(monitor, issues);
  return targets;
}

/**
 * The dimension sets a target's alarms watch, from the sets the sink has
 * published (ListMetrics): a closed metric (Model Monitor compat) is watched as
 * mapped; otherwise one alarm per published set that contains the rule's
 * dimensions, since CloudWatch treats each exact dimension set as its own
 * metric and an alarm on a subset sees no data. `undefined`: nothing published
 * yet, so nothing to watch.
 */
export type PublishedSeries = (target: AlarmTarget) => readonly (readonly Dimension[])[] | undefined;

/** The alarms for the rules, and the rules that give none yet. */
export interface DesiredAlarms {
  readonly alarms: PutMetricAlarmInput[];
  readonly pending: PendingAlarmRule[];
}

const key = (d: Dimension) => `${d.Name}=${d.Value}`;
const describeDims = (dims: readonly Dimension[]) => `{${dims.map(key).join(', ')}}`;

/**
 * The PutMetricAlarm inputs that express the targets for `monitor`. A target
 * whose series is exactly the rule's dimension set gives one alarm named
 * `<alarmPrefix><monitor>/<rule>`; a rule that leaves dimensions open gives one
 * alarm per published series, named `<alarmPrefix><monitor>/<rule>/<k=v>,…`
 * with the dimensions the rule did not name. Every alarm watches exactly a
 * dimension set the sink publishes.
 */
export function desiredAlarms(
  targets: readonly AlarmTarget[],
  monitor: string,
  options: CloudWatchAlarmOptions,
  published: PublishedSeries,
): DesiredAlarms {
  const alarms: PutMetricAlarmInput[] = [];
  const pending: PendingAlarmRule[] = [];
  const issues: { path: string; message: string }[] = [];
  const names = new Set<string>();
  for (const target of targets) {
    const { rule, metric } = target;
    const series = metric.closed ? [metric.dimensions] : published(target);
    if (!series || series.length === 0) {
      pending.push({
        rule: rule.name,
        reason: `no metric ${metric.metricName} ${describeDims(metric.dimensions)} in namespace ${metric.namespace} published yet: run the monitor, then sync again`,
      });
      continue;
    }
    const named = new Set(metric.dimensions.map(key));
    for (const dims of series) {
      const open = dims.filter((d) => !named.has(key(d)));
      const name = open.length === 0 ? target.name : `${target.name}/${open.map(key).join(',')}`;
      if (name.length > 255 || names.has(name)) {
        issues.push({
          path: `rules[${targets.indexOf(target)}].dimensions`,
          message: `alarm name "${name.slice(0, 60)}…" ${names.has(name) ? 'clashes with another rule' : 'exceeds 255 characters'}: name more dimensions in the rule`,
        });
        continue;
      }
      names.add(name);
      alarms.push(alarmInput(rule, name, monitor, metric, dims, open, options));
    }
  }
  if (issues.length > 0) throw rulesError(monitor, issues);
  return { alarms, pending };
}

function alarmInput(
  rule: AlertRule,
  name: string,
  monitor: string,
  metric: CloudWatchMetricId,
  dims: readonly Dimension[],
  open: readonly Dimension[],
  options: CloudWatchAlarmOptions,
): PutMetricAlarmInput {
  const actions = options.severityActions[rule.severity] ?? options;
  const statistic: Statistic =
    options.statistic === 'auto' ? (rule.comparison === 'gt' || rule.comparison === 'gte' ? 'Maximum' : 'Minimum') : options.statistic;
  const series = open.length > 0 ? ` (${open.map(key).join(', ')})` : '';
  return {
    AlarmName: name,
    AlarmDescription:
      `Driftwatch ${rule.severity} rule "${rule.name}" of monitor "${monitor}": ${rule.metric} ${symbols[rule.comparison]} ${rule.threshold}${series}`.slice(
        0,
        1024,
      ),
    ActionsEnabled: true,
    AlarmActions: [...(actions.alarmActions ?? [])],
    OKActions: [...(actions.okActions ?? [])],
    InsufficientDataActions: [...(actions.insufficientDataActions ?? [])],
    Namespace: metric.namespace,
    MetricName: metric.metricName,
    Dimensions: dims.map((d) => ({ Name: d.Name, Value: d.Value })),
    Statistic: statistic,
    Period: options.period,
    EvaluationPeriods: options.evaluationPeriods,
    ...(options.datapointsToAlarm !== undefined && { DatapointsToAlarm: options.datapointsToAlarm }),
    Threshold: rule.threshold,
    ComparisonOperator: operators[rule.comparison],
    TreatMissingData: options.treatMissingData,
  };
}

function rulesError(monitor: string, issues: { path: string; message: string }[]): ConfigError {
  return new ConfigError(
    `cannot turn the alert rules of monitor "${monitor}" into CloudWatch alarms:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    { issues },
  );
}
