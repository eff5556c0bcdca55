import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type AlertRule, ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { createMetricMapper } from '../mapping/createMetricMapper.js';
import { cloudWatchAlarmOptions } from '../options/cloudWatchAlarmOptions.js';
import { alarmDifferences } from './alarmMatches.js';
import { desiredAlarms } from './desiredAlarms.js';

const rule: AlertRule = {
  name: 'age',
  metric: 'drift.score',
  comparison: 'gt',
  threshold: 0.2,
  severity: 'warning',
  dimensions: { feature: 'age' },
};
const build = (o: Record<string, unknown>, rules: AlertRule[] = [rule]) => {
  const options = cloudWatchAlarmOptions.parse(o);
  return desiredAlarms(rules, 'credit', options, createMetricMapper(options));
};

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
