import { z } from 'zod';

const name = z.string().min(1).max(255);

/**
 * Options of `compat: sagemaker-model-monitor`: where Model Monitor would
 * have published, so existing dashboards and alarms keep working.
 */
export const sageMakerCompatOptions = z
  .object({
    target: z
      .enum(['endpoint', 'batch-transform'])
      .default('endpoint')
      .describe(
        '`endpoint`: aws/sagemaker/Endpoints/* namespaces with Endpoint + MonitoringSchedule; `batch-transform`: aws/sagemaker/ModelMonitoring/* with MonitoringSchedule',
      ),
    endpointName: name.optional().describe('the `Endpoint` dimension; required for target endpoint'),
    dataQualitySchedule: name
      .optional()
      .describe('`MonitoringSchedule` of data-quality metrics (baseline drift); without it drift points are not mapped'),
    modelQualitySchedule: name
      .optional()
      .describe('`MonitoringSchedule` of model-quality metrics (accuracy, f1, auc…); without it performance points are not mapped'),
    featureDimension: name
      .optional()
      .describe('when set, data-quality metrics also carry `Feature=<this>` (the SageMaker SDK dashboards query Feature="_")'),
    driftMethods: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('only drift scores of these methods become feature_baseline_drift_*; default: every distance method'),
    metricNames: z
      .record(z.string().min(1), name)
      .default({})
      .describe(
        'extra or overriding names of performance metrics, ours → Model Monitor\'s (e.g. {"balanced_accuracy": "balanced_accuracy"})',
      ),
    unmapped: z
      .enum(['native', 'drop'])
      .default('native')
      .describe('points with no Model Monitor equivalent: publish them in the native namespace (default) or drop them'),
  })
  .strict();
