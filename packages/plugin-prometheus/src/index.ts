import { prometheusPlugin } from './prometheusPlugin.js';

export type {
  ExpositionFormatOptions,
  MetricFamily,
  PrometheusSample,
  PrometheusSeries,
  PrometheusSeriesMapperOptions,
} from './exposition/index.js';
export {
  escapeLabelValue,
  expositionContentType,
  formatExposition,
  formatSampleValue,
  PrometheusSeriesMapper,
  sanitizeLabelName,
  sanitizeMetricName,
  toMetricFamilies,
} from './exposition/index.js';
export type { PushgatewaySinkOptions } from './options/pushgatewaySinkOptions.js';
export { pushgatewaySinkOptions } from './options/pushgatewaySinkOptions.js';
export { prometheusPlugin } from './prometheusPlugin.js';
export type { PushgatewaySinkDependencies, PushgatewaySinkStats } from './sink/PushgatewayMetricsSink.js';
export { PushgatewayMetricsSink } from './sink/PushgatewayMetricsSink.js';
export { PushgatewayPushError } from './sink/PushgatewayPushError.js';
export { pushgatewayGroupPath } from './sink/pushgatewayGroupPath.js';

/** The plugin, as `plugins: ["@driftwatch/plugin-prometheus"]` loads it. */
export default prometheusPlugin;
