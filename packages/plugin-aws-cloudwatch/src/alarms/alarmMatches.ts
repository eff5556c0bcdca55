import type { Dimension, MetricAlarm, PutMetricAlarmInput } from '@aws-sdk/client-cloudwatch';

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined) => {
  const x = [...(a ?? [])].sort();
  const y = [...(b ?? [])].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
const dimensionKeys = (d: readonly Dimension[] | undefined) => (d ?? []).map((x) => `${x.Name}\u0000${x.Value}`);

/**
 * The fields of an existing alarm that differ from the wanted one, by name;
 * empty when PutMetricAlarm would change nothing. Dimension and action lists
 * compare as sets; an alarm turned into metric math or given a unit or an
 * extended statistic outside Driftwatch counts as changed.
 */
export function alarmDifferences(wanted: PutMetricAlarmInput, existing: MetricAlarm): string[] {
  const diff: string[] = [];
  const scalar = [
    'Namespace',
    'MetricName',
    'Statistic',
    'Period',
    'EvaluationPeriods',
    'DatapointsToAlarm',
    'Threshold',
    'ComparisonOperator',
    'TreatMissingData',
    'AlarmDescription',
    'ActionsEnabled',
    'Unit',
    'ExtendedStatistic',
    'ThresholdMetricId',
    'EvaluateLowSampleCountPercentile',
  ] as const;
  for (const key of scalar) {
    if ((wanted[key] ?? undefined) !== (existing[key] ?? undefined)) diff.push(key);
  }
  if (!sameSet(dimensionKeys(wanted.Dimensions), dimensionKeys(existing.Dimensions))) diff.push('Dimensions');
  for (const key of ['AlarmActions', 'OKActions', 'InsufficientDataActions'] as const) {
    if (!sameSet(wanted[key], existing[key])) diff.push(key);
  }
  if ((existing.Metrics?.length ?? 0) > 0) diff.push('Metrics');
  return diff;
}
