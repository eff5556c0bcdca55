import { cloudWatchPlugin } from './cloudWatchPlugin.js';

export type { CloudWatchAlarmManagerDependencies, CloudWatchAlarmSyncResult } from './alarms/CloudWatchAlarmManager.js';
export { CloudWatchAlarmManager } from './alarms/CloudWatchAlarmManager.js';
export type { ClientSettings } from './client/createCloudWatchClient.js';
export { createCloudWatchClient } from './client/createCloudWatchClient.js';
export { cloudWatchPlugin } from './cloudWatchPlugin.js';
export { cloudWatchLimits } from './mapping/cloudWatchLimits.js';
export type { MappingSettings } from './mapping/createMetricMapper.js';
export { createMetricMapper } from './mapping/createMetricMapper.js';
export type { CloudWatchMetricId, MappingOutcome, MetricMapper, UnmappedReason } from './mapping/MetricMapper.js';
export type { SageMakerCompatSettings } from './mapping/sageMakerModelMonitorMapper.js';
export { modelMonitorFeatureMetricPrefixes, modelMonitorQualityMetricNames } from './mapping/sageMakerModelMonitorMapper.js';
export type { CloudWatchAlarmOptions } from './options/cloudWatchAlarmOptions.js';
export { cloudWatchAlarmOptions } from './options/cloudWatchAlarmOptions.js';
export type { CloudWatchSinkOptions } from './options/cloudWatchSinkOptions.js';
export { cloudWatchSinkOptions } from './options/cloudWatchSinkOptions.js';
export type { CloudWatchSinkDependencies, CloudWatchSinkStats } from './sink/CloudWatchMetricsSink.js';
export { CloudWatchMetricsSink } from './sink/CloudWatchMetricsSink.js';
export { MetricsPublishError } from './sink/MetricsPublishError.js';

/** The plugin, as `plugins: ["@driftwatch/plugin-aws-cloudwatch"]` loads it. */
export default cloudWatchPlugin;
