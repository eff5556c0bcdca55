import { describe, expect, it } from 'vitest';
import { cloudWatchAlarmOptions } from './cloudWatchAlarmOptions.js';

const issues = (input: unknown) => {
  const r = cloudWatchAlarmOptions.safeParse(input);
  if (r.success) throw new Error('expected a validation error');
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('cloudWatchAlarmOptions', () => {
  it('has defaults that alarm on any breaching point of a 5-minute period', () => {
    expect(cloudWatchAlarmOptions.parse({})).toMatchObject({
      alarmPrefix: 'driftwatch-',
      period: 300,
      evaluationPeriods: 1,
      statistic: 'auto',
      treatMissingData: 'notBreaching',
      severityActions: {},
      prune: false,
    });
  });

  it('accepts the periods CloudWatch accepts and nothing else', () => {
    for (const period of [10, 20, 30, 60, 120, 3600]) expect(cloudWatchAlarmOptions.parse({ period }).period).toBe(period);
    for (const period of [0, 15, 45, 90, 61]) expect(issues({ period })).toEqual(['period: 10, 20, 30 or a multiple of 60 seconds']);
  });

  it('rejects malformed action ARNs, too many actions and unknown severities', () => {
    expect(issues({ alarmActions: ['sns:topic'] })).toEqual([expect.stringMatching(/^alarmActions\.0: an ARN/)]);
    const six = Array.from({ length: 6 }, (_, i) => `arn:aws:sns:us-east-1:123456789012:t${i}`);
    expect(issues({ okActions: six })).toEqual(['okActions: CloudWatch allows at most 5 actions per state']);
    expect(issues({ severityActions: { urgent: {} } })).toEqual(['severityActions: Unrecognized key: "urgent"']);
  });

  it('rejects datapointsToAlarm above evaluationPeriods, and an unknown statistic', () => {
    expect(issues({ evaluationPeriods: 2, datapointsToAlarm: 3 })).toEqual(['datapointsToAlarm: cannot exceed evaluationPeriods']);
    expect(issues({ statistic: 'p99' })).toEqual([expect.stringMatching(/^statistic: /)]);
  });

  it('rejects a prefix with control characters', () => {
    expect(issues({ alarmPrefix: 'dw\n' })).toEqual(['alarmPrefix: no control characters']);
  });
});
