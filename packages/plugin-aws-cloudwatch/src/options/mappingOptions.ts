import { z } from 'zod';
import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';
import { sageMakerCompatOptions } from './sageMakerCompatOptions.js';

const dimensionName = z.string().min(1).max(cloudWatchLimits.maxDimensionNameLength);
const dimensionValue = z.string().min(1).max(cloudWatchLimits.maxDimensionValueLength);

/**
 * How points (and alert rules, which name points) map to CloudWatch metrics;
 * shared by the sink and the alarm manager so alarms watch exactly the metrics
 * the sink writes.
 */
export const mappingOptions = {
  namespace: z
    .string()
    .min(1)
    .max(cloudWatchLimits.maxNameLength)
    .regex(/^[A-Za-z0-9 ._\-/#:]+$/, 'letters, digits, spaces and . _ - / # : only')
    .refine((s) => !s.startsWith('AWS/'), 'the AWS/ prefix is reserved for AWS services')
    .default('Driftwatch')
    .describe('CloudWatch namespace of native metrics (default Driftwatch)'),
  dimensions: z
    .object({
      include: z.array(dimensionName).optional().describe('only these point dimensions become CloudWatch dimensions; default: all of them'),
      exclude: z.array(dimensionName).default([]).describe('point dimensions never published, e.g. ["chunk"]'),
      extra: z
        .record(dimensionName, dimensionValue)
        .default({})
        .describe('constant dimensions added to every metric, e.g. {"env": "prod"}'),
    })
    .strict()
    .default({ exclude: [], extra: {} }),
  metricNames: z
    .record(z.string().min(1), z.string().min(1).max(cloudWatchLimits.maxNameLength))
    .default({})
    .describe('CloudWatch MetricName per point name; default: the point name itself (e.g. drift.score)'),
  compat: z
    .enum(['none', 'sagemaker-model-monitor'])
    .default('none')
    .describe('`sagemaker-model-monitor`: publish under the names, namespaces and dimensions Model Monitor uses'),
  sagemaker: sageMakerCompatOptions.optional().describe('settings of compat: sagemaker-model-monitor'),
};

/** Cross-field checks of {@link mappingOptions}, for `superRefine`. */
export function checkMappingOptions(
  o: { compat: 'none' | 'sagemaker-model-monitor'; sagemaker?: z.output<typeof sageMakerCompatOptions> },
  ctx: z.RefinementCtx,
): void {
  if (o.compat === 'sagemaker-model-monitor') {
    if (!o.sagemaker) {
      ctx.addIssue({ code: 'custom', path: ['sagemaker'], message: 'compat sagemaker-model-monitor needs a sagemaker block' });
      return;
    }
    if (o.sagemaker.target === 'endpoint' && !o.sagemaker.endpointName) {
      ctx.addIssue({ code: 'custom', path: ['sagemaker', 'endpointName'], message: 'required for target endpoint' });
    }
    if (!o.sagemaker.dataQualitySchedule && !o.sagemaker.modelQualitySchedule) {
      ctx.addIssue({
        code: 'custom',
        path: ['sagemaker'],
        message: 'name at least one schedule (dataQualitySchedule or modelQualitySchedule)',
      });
    }
  } else if (o.sagemaker) {
    ctx.addIssue({ code: 'custom', path: ['sagemaker'], message: 'only used with compat: sagemaker-model-monitor' });
  }
}
