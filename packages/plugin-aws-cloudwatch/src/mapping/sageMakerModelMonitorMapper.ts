import type { z } from 'zod';
import type { sageMakerCompatOptions } from '../options/sageMakerCompatOptions.js';
import { cloudWatchLimits } from './cloudWatchLimits.js';
import type { CloudWatchMetricId, MappingContext, MappingOutcome, MetricMapper } from './MetricMapper.js';
import { finish } from './nativeMapper.js';

/** Parsed `sagemaker` options of compat mode. */
export type SageMakerCompatSettings = z.output<typeof sageMakerCompatOptions>;

/**
 * Model Monitor's names of model-quality metrics, keyed by Driftwatch's
 * metric ids (and a few common aliases). From the metric lists of the
 * model-quality job (regression, binary and multiclass classification) and
 * the SageMaker Python SDK's model-quality dashboard.
 */
export const modelMonitorQualityMetricNames: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  precision: 'precision',
  recall: 'recall',
  f0_5: 'f0_5',
  f1: 'f1',
  f2: 'f2',
  roc_auc: 'auc',
  auc: 'auc',
  pr_auc: 'au_prc',
  average_precision: 'au_prc',
  au_prc: 'au_prc',
  true_positive_rate: 'true_positive_rate',
  true_negative_rate: 'true_negative_rate',
  false_positive_rate: 'false_positive_rate',
  false_negative_rate: 'false_negative_rate',
  weighted_precision: 'weighted_precision',
  weighted_recall: 'weighted_recall',
  weighted_f0_5: 'weighted_f0_5',
  weighted_f1: 'weighted_f1',
  weighted_f2: 'weighted_f2',
  mae: 'mae',
  mse: 'mse',
  rmse: 'rmse',
  r2: 'r2',
};

/**
 * Model Monitor's per-feature data-quality metric names, keyed by the
 * Driftwatch point that carries the same figure; the feature name is appended.
 * `feature_baseline_drift_<feature>` is a distance between the baseline and
 * current distributions: a run against a Model Monitor baseline publishes
 * Model Monitor's own (`modelmonitor.baseline_drift`), other runs map drift
 * scores whose `measure` is `distance` (never p-values). `feature_non_null_`
 * is the completeness and `feature_data_` a StatisticSet of the present
 * numbers, both from runs against a Model Monitor baseline.
 */
export const modelMonitorFeatureMetricPrefixes: Readonly<Record<string, string>> = {
  'drift.score': 'feature_baseline_drift_',
  'modelmonitor.baseline_drift': 'feature_baseline_drift_',
  'modelmonitor.non_null': 'feature_non_null_',
  'modelmonitor.data.count': 'feature_data_',
  'modelmonitor.data.sum': 'feature_data_',
  'modelmonitor.data.min': 'feature_data_',
  'modelmonitor.data.max': 'feature_data_',
};

/**
 * The points that make up Model Monitor's `feature_data_<feature>` StatisticSet (queried with
 * Stat Max, Min, Sum, SampleCount, Average), by the statistic each carries.
 */
const featureDataStatistics: Readonly<Record<string, NonNullable<CloudWatchMetricId['statistic']>>> = {
  'modelmonitor.data.count': 'SampleCount',
  'modelmonitor.data.sum': 'Sum',
  'modelmonitor.data.min': 'Minimum',
  'modelmonitor.data.max': 'Maximum',
};

const namespaces = {
  endpoint: { data: 'aws/sagemaker/Endpoints/data-metrics', model: 'aws/sagemaker/Endpoints/model-metrics' },
  'batch-transform': { data: 'aws/sagemaker/ModelMonitoring/data-metrics', model: 'aws/sagemaker/ModelMonitoring/model-metrics' },
} as const;

const unmapped = (detail: string): MappingOutcome => ({ ok: false, reason: 'unmapped', detail });

/**
 * The SageMaker Model Monitor compatible mapping. Drift distances become
 * `feature_baseline_drift_<feature>` in the data-metrics namespace; measured
 * performance metrics (`performance.<id>`, or a `metric` dimension) become
 * Model Monitor's model-quality names in the model-metrics namespace. Both
 * carry only Model Monitor's dimensions: `Endpoint` (endpoint target) and
 * `MonitoringSchedule`, plus `Feature` on data metrics when
 * `featureDimension` is set. Per-window points (a `window` or `chunk` dimension), p-values,
 * estimated metrics and everything else have no equivalent and go to
 * `fallback` (the native mapping) or nowhere.
 */
export function sageMakerModelMonitorMapper(settings: SageMakerCompatSettings, fallback: MetricMapper | undefined): MetricMapper {
  const ns = namespaces[settings.target];
  const qualityNames = { ...modelMonitorQualityMetricNames, ...settings.metricNames };
  const driftMethods = settings.driftMethods ? new Set(settings.driftMethods) : undefined;
  const baseDims = (schedule: string) => {
    const dims = new Map<string, string>();
    if (settings.target === 'endpoint') dims.set('Endpoint', settings.endpointName!);
    dims.set('MonitoringSchedule', schedule);
    return dims;
  };

  const compat = (name: string, d: Readonly<Record<string, string>>, context: MappingContext | undefined): MappingOutcome => {
    if (d.chunk !== undefined || d.window !== undefined) return unmapped('per-window (per-chunk) points have no Model Monitor equivalent');
    const featurePrefix = modelMonitorFeatureMetricPrefixes[name];
    if (featurePrefix !== undefined) {
      if (!settings.dataQualitySchedule) return unmapped('no dataQualitySchedule configured');
      if (d.feature === undefined) return unmapped('no feature dimension');
      if (name === 'drift.score') {
        if (context?.modelMonitorBaselineDrift)
          return unmapped("the run publishes Model Monitor's own baseline drift (modelmonitor.baseline_drift)");
        if (d.measure === 'p_value') return unmapped('Model Monitor baseline drift is a distance; p-values have no equivalent');
        if (driftMethods && (d.method === undefined || !driftMethods.has(d.method))) {
          return unmapped(`method ${d.method ?? '(none)'} is not in driftMethods`);
        }
      }
      const metricName = featurePrefix + d.feature;
      if (metricName.length > cloudWatchLimits.maxNameLength) return { ok: false, reason: 'invalid', detail: 'metric name too long' };
      const dims = baseDims(settings.dataQualitySchedule);
      if (settings.featureDimension !== undefined) dims.set('Feature', settings.featureDimension);
      const outcome = finish(ns.data, metricName, dims);
      const statistic = featureDataStatistics[name];
      return outcome.ok && statistic ? { ok: true, metric: { ...outcome.metric, statistic } } : outcome;
    }
    if (name === 'performance' || name.startsWith('performance.')) {
      if (!settings.modelQualitySchedule) return unmapped('no modelQualitySchedule configured');
      if (d.estimated !== undefined && d.estimated !== 'false') return unmapped('estimated metrics have no Model Monitor equivalent');
      const id = d.metric ?? name.slice('performance.'.length);
      const metricName = qualityNames[id];
      if (metricName === undefined)
        return unmapped(`performance metric "${id}" has no Model Monitor name (add it to sagemaker.metricNames)`);
      return finish(ns.model, metricName, baseDims(settings.modelQualitySchedule));
    }
    return unmapped(`${name} has no Model Monitor equivalent`);
  };

  return {
    map(name, dimensions, context) {
      const outcome = compat(name, dimensions, context);
      if (outcome.ok) return { ok: true, metric: { ...outcome.metric, closed: true } };
      if (outcome.reason === 'invalid' || !fallback) return outcome;
      return fallback.map(name, dimensions);
    },
  };
}
