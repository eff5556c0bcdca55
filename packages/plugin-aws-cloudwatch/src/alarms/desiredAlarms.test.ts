import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type AlertRule, ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { createMetricMapper } from '../mapping/createMetricMapper.js';
import { cloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';
import { alarmDifferences } from './alarmMatches.js';
import { alarmTargets, desiredAlarms, type PublishedSeries } from './desiredAlarms.js';

const rule: AlertRule = {
  name: 'age',
  metric: 'drift.score',
  comparison: 'gt',
  threshold: 0.2,
  severity: 'warning',
  dimensions: { feature: 'age' },
};
// By default every rule's metric is published with exactly the rule's dimension set.
const exactly: PublishedSeries = (t) => [t.metric.dimensions];
const plan = (o: Record<string, unknown>, rules: AlertRule[] = [rule], published: PublishedSeries = exactly) => {
  const options = cloudWatchAlarmOptions.parse(o);
  return desiredAlarms(alarmTargets(rules, 'credit', options, createMetricMapper(options)), 'credit', options, published);
};
const build = (o: Record<string, unknown>, rules: AlertRule[] = [rule]) => plan(o, rules).alarms;

describe('desiredAlarms', () => {
  it('maps a rule to a PutMetricAlarm input with the sink mapping plus the monitor dimension', () => {
    const [alarm] = build({ dimensions: { extra: { env: 'prod' } } });
    expect(alarm).toEqual({
      AlarmName: 'driftwatch-credit/age',
      AlarmDescription: 'Driftwatch warning rule "age" of monitor "credit": drift.score > 0.2',
      ActionsEnabled: true,
      AlarmActions: [],
      OKActions: [],
      InsufficientDataActions: [],
      Namespace: 'Driftwatch',
      MetricName: 'drift.score',
      Dimensions: [
        { Name: 'env', Value: 'prod' },
        { Name: 'feature', Value: 'age' },
        { Name: 'monitor', Value: 'credit' },
      ],
      Statistic: 'Maximum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0.2,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('drops the monitor dimension when the mapping excludes it, and uses an explicit statistic', () => {
    const [alarm] = build({ dimensions: { exclude: ['monitor'] }, statistic: 'Average' });
    expect(alarm.Dimensions).toEqual([{ Name: 'feature', Value: 'age' }]);
    expect(alarm.Statistic).toBe('Average');
  });

  it('collects every unusable rule into one ConfigError', () => {
    const bad: AlertRule[] = [
      { ...rule, name: 'x'.repeat(260) },
      { ...rule, name: 'inf', threshold: Number.POSITIVE_INFINITY },
      { ...rule, name: 'wide', dimensions: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, 'v'])) },
    ];
    try {
      build({}, bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues.map((i) => i.path)).toEqual(['rules[0].name', 'rules[1].threshold', 'rules[2].metric']);
      expect((e as Error).message).toMatch(/rules\[2\]\.metric: drift\.score cannot be an alarm: 31 dimensions/);
    }
  });
});

describe('desiredAlarms with rules that leave dimensions open', () => {
  const series = (...sets: Record<string, string>[]): PublishedSeries => {
    const dims = sets.map((s) =>
      Object.entries(s)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([Name, Value]) => ({ Name, Value })),
    );
    return () => dims;
  };

  it('expands into one alarm per published series, each watching exactly that dimension set', () => {
    const published = series(
      { feature: 'age', measure: 'distance', method: 'psi', monitor: 'credit' },
      { feature: 'age', measure: 'p_value', method: 'ks', monitor: 'credit' },
    );
    const { alarms, pending } = plan({}, [rule], published);
    expect(pending).toEqual([]);
    expect(alarms.map((a) => [a.AlarmName, a.Dimensions])).toEqual([
      [
        'driftwatch-credit/age/measure=distance,method=psi',
        [
          { Name: 'feature', Value: 'age' },
          { Name: 'measure', Value: 'distance' },
          { Name: 'method', Value: 'psi' },
          { Name: 'monitor', Value: 'credit' },
        ],
      ],
      [
        'driftwatch-credit/age/measure=p_value,method=ks',
        [
          { Name: 'feature', Value: 'age' },
          { Name: 'measure', Value: 'p_value' },
          { Name: 'method', Value: 'ks' },
          { Name: 'monitor', Value: 'credit' },
        ],
      ],
    ]);
    expect(alarms[1]!.AlarmDescription).toBe(
      'Driftwatch warning rule "age" of monitor "credit": drift.score > 0.2 (measure=p_value, method=ks)',
    );
  });

  it('keeps the plain name for the series that is exactly the rule dimension set', () => {
    const published = series({ feature: 'age', monitor: 'credit' }, { feature: 'age', monitor: 'credit', window: 'week' });
    expect(plan({}, [rule], published).alarms.map((a) => a.AlarmName)).toEqual([
      'driftwatch-credit/age',
      'driftwatch-credit/age/window=week',
    ]);
  });

  it('makes no alarm for a rule whose metric was never published, and says why', () => {
    const { alarms, pending } = plan({}, [rule], () => undefined);
    expect(alarms).toEqual([]);
    expect(pending).toEqual([
      {
        rule: 'age',
        reason:
          'no metric drift.score {feature=age, monitor=credit} in namespace Driftwatch published yet: run the monitor, then sync again',
      },
    ]);
  });

  it('alarms on Model Monitor metrics (fixed dimensions) without asking what was published', () => {
    const compat = { compat: 'sagemaker-model-monitor', sagemaker: { endpointName: 'ep', dataQualitySchedule: 'dq' } };
    const distance: AlertRule = { ...rule, dimensions: { feature: 'age', measure: 'distance' } };
    const { alarms } = plan(compat, [distance], () => expect.unreachable('compat metrics are closed'));
    expect(alarms.map((a) => a.MetricName)).toEqual(['feature_baseline_drift_age']);
  });
});

describe('alarmDifferences', () => {
  const [wanted] = build({ alarmActions: ['arn:aws:sns:us-east-1:123456789012:a', 'arn:aws:sns:us-east-1:123456789012:b'] });
  const asDescribed: MetricAlarm = {
    ...wanted,
    AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:x',
    StateValue: 'OK',
    Dimensions: [...wanted.Dimensions!].reverse(),
    AlarmActions: [...wanted.AlarmActions!].reverse(),
    Metrics: [],
  } as MetricAlarm;

  it('sees no difference in an alarm as DescribeAlarms returns it (lists in another order, state fields)', () => {
    expect(alarmDifferences(wanted, asDescribed)).toEqual([]);
  });

  it('names each field that differs', () => {
    expect(
      alarmDifferences(wanted, { ...asDescribed, Threshold: 0.3, Dimensions: [], OKActions: ['arn:aws:sns:x:1:y'], Unit: 'Count' }),
    ).toEqual(['Threshold', 'Unit', 'Dimensions', 'OKActions']);
    expect(alarmDifferences(wanted, { ...asDescribed, DatapointsToAlarm: 1, Metrics: [{ Id: 'm' }] })).toEqual([
      'DatapointsToAlarm',
      'Metrics',
    ]);
  });
});
