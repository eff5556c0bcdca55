import { gcpMonitoringPlugin } from './gcpMonitoringPlugin.js';

export { alertPolicyFor } from './alerts/alertPolicyFor.js';
export { GcpAlertPolicyManager, type GcpAlertPolicyManagerOptions } from './alerts/GcpAlertPolicyManager.js';
export { gcpAlertPolicyOptionsSchema } from './alerts/gcpAlertPolicyOptions.js';
export { monitorLabelKey, ruleLabelKey } from './alerts/ruleLabels.js';
export type { GaxClientOptions } from './client/gaxClientOptions.js';
export type { GcpRetryOptions, RetryableCode } from './client/gcpConnectionOptions.js';
export type { MonitoredResourceOptions } from './client/monitoredResource.js';
export { gcpProvider } from './errors/gcpProviderError.js';
export { PointsNotWrittenError } from './errors/PointsNotWrittenError.js';
export { gcpMonitoringPlugin } from './gcpMonitoringPlugin.js';
export { gcpLimits } from './mapping/gcpLimits.js';
export { labelKey } from './mapping/labelKey.js';
export { defaultMetricPrefix, metricType } from './mapping/metricType.js';
export { GcpMetricsSink, type GcpMetricsSinkOptions } from './sink/GcpMetricsSink.js';
export { gcpMetricsSinkOptionsSchema } from './sink/gcpMetricsSinkOptions.js';

export default gcpMonitoringPlugin;
