import type { ComparisonOperator, PutMetricAlarmInput, Statistic } from '@aws-sdk/client-cloudwatch';
import { type AlertRule, ConfigError } from '@driftwatch/core';
import type { MetricMapper } from '../mapping/MetricMapper.js';
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

/**
 * The PutMetricAlarm inputs that express `rules` for `monitor`, one per rule,
 * named `<alarmPrefix><monitor>/<rule>`. A rule watches the metric the sink
 * writes for a point of the rule's name and dimensions plus `monitor` (the
 * runtime adds that dimension to a monitor's points), mapped by the same
 * mapper. Rules that map nowhere or clash by name fail together in one
 * ConfigError before anything is sent.
 */
export function desiredAlarms(
  rules: readonly AlertRule[],
  monitor: string,
  options: CloudWatchAlarmOptions,
  mapper: MetricMapper,
): PutMetricAlarmInput[] {
  const prefix = monitorAlarmPrefix(options, monitor);
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const alarms: PutMetricAlarmInput[] = [];
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
    const actions = options.severityActions[rule.severity] ?? options;
    const statistic: Statistic =
      options.statistic === 'auto' ? (rule.comparison === 'gt' || rule.comparison === 'gte' ? 'Maximum' : 'Minimum') : options.statistic;
    alarms.push({
      AlarmName: name,
      AlarmDescription:
        `Driftwatch ${rule.severity} rule "${rule.name}" of monitor "${monitor}": ${rule.metric} ${symbols[rule.comparison]} ${rule.threshold}`.slice(
          0,
          1024,
        ),
      ActionsEnabled: true,
      AlarmActions: [...(actions.alarmActions ?? [])],
      OKActions: [...(actions.okActions ?? [])],
      InsufficientDataActions: [...(actions.insufficientDataActions ?? [])],
      Namespace: mapped.metric.namespace,
      MetricName: mapped.metric.metricName,
      Dimensions: mapped.metric.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
      Statistic: statistic,
      Period: options.period,
      EvaluationPeriods: options.evaluationPeriods,
      ...(options.datapointsToAlarm !== undefined && { DatapointsToAlarm: options.datapointsToAlarm }),
      Threshold: rule.threshold,
      ComparisonOperator: operators[rule.comparison],
      TreatMissingData: options.treatMissingData,
    });
  }
  if (issues.length > 0) {
    throw new ConfigError(
      `cannot turn the alert rules of monitor "${monitor}" into CloudWatch alarms:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      {
        issues,
      },
    );
  }
  return alarms;
}
