export { escapeHelp, escapeLabelValue } from './escapeLabelValue.js';
export type { ExpositionFormatOptions } from './formatExposition.js';
export { expositionContentType, formatExposition } from './formatExposition.js';
export { formatSampleValue } from './formatSampleValue.js';
export type { MetricFamily, PrometheusSample } from './MetricFamily.js';
export type {
  PrometheusSeries,
  PrometheusSeriesMapperOptions,
  SeriesMapping,
  UnmappedPointReason,
} from './PrometheusSeriesMapper.js';
export { PrometheusSeriesMapper, toMetricFamilies } from './PrometheusSeriesMapper.js';
export { sanitizeLabelName } from './sanitizeLabelName.js';
export { sanitizeMetricName } from './sanitizeMetricName.js';
