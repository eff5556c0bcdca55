import { z } from 'zod';
import { cloudWatchConnectionOptions } from './cloudWatchConnectionOptions.js';
import { checkMappingOptions, mappingOptions } from './mappingOptions.js';

const arn = z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, 'an ARN such as arn:aws:sns:us-east-1:123456789012:topic');
const arns = z.array(arn).max(5, 'CloudWatch allows at most 5 actions per state');

const actions = z
  .object({
    alarmActions: arns.optional().describe('ARNs notified when the alarm fires (e.g. SNS topics)'),
    okActions: arns.optional().describe('ARNs notified when the alarm returns to OK'),
    insufficientDataActions: arns.optional().describe('ARNs notified on INSUFFICIENT_DATA'),
  })
  .strict();

/** Options of the `cloudwatch` alarm manager. */
export const cloudWatchAlarmOptions = z
  .object({
    ...cloudWatchConnectionOptions.shape,
    ...mappingOptions,
    alarmPrefix: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\p{Cc}]+$/u, 'no control characters')
      .default('driftwatch-')
      .describe('alarms are named <prefix><monitor>/<rule>; only alarms under <prefix><monitor>/ are ever compared or pruned'),
    period: z
      .int()
      .refine((p) => p === 10 || p === 20 || p === 30 || (p >= 60 && p % 60 === 0), '10, 20, 30 or a multiple of 60 seconds')
      .default(300)
      .describe('evaluation period in seconds (default 300); 10/20/30 need high-resolution metrics'),
    evaluationPeriods: z.int().min(1).default(1).describe('periods over which the threshold is compared (default 1)'),
    datapointsToAlarm: z.int().min(1).optional().describe('breaching periods (of evaluationPeriods) that fire the alarm; default all'),
    statistic: z
      .enum(['auto', 'Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'])
      .default('auto')
      .describe('statistic over a period; auto: Maximum for gt/gte rules, Minimum for lt/lte, so any single breaching point fires'),
    treatMissingData: z
      .enum(['notBreaching', 'breaching', 'ignore', 'missing'])
      .default('notBreaching')
      .describe('how periods without points count (default notBreaching: runs are periodic, gaps are normal)'),
    ...actions.shape,
    severityActions: z
      .partialRecord(z.enum(['info', 'warning', 'critical']), actions)
      .default({})
      .describe('actions per rule severity, replacing the top-level ones for that severity'),
    prune: z
      .boolean()
      .default(false)
      .describe('delete alarms under <prefix><monitor>/ that no rule produces any more (default false: only report them)'),
  })
  .strict()
  .superRefine((o, ctx) => {
    checkMappingOptions(o, ctx);
    if (o.datapointsToAlarm !== undefined && o.datapointsToAlarm > o.evaluationPeriods) {
      ctx.addIssue({ code: 'custom', path: ['datapointsToAlarm'], message: 'cannot exceed evaluationPeriods' });
    }
  });

/** Parsed options of the `cloudwatch` alarm manager. */
export type CloudWatchAlarmOptions = z.output<typeof cloudWatchAlarmOptions>;
