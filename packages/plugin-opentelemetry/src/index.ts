import { openTelemetryPlugin } from './openTelemetryPlugin.js';

export { openTelemetryPlugin } from './openTelemetryPlugin.js';
export type { OtlpProtocol, OtlpSinkOptions } from './options/otlpSinkOptions.js';
export { otlpProtocols, otlpSinkOptions } from './options/otlpSinkOptions.js';
export type { KeyValuesParse } from './settings/parseOtelKeyValues.js';
export { parseOtelKeyValues } from './settings/parseOtelKeyValues.js';
export type { OtlpSettings } from './settings/resolveOtlpSettings.js';
export { defaultOtlpMetricsEndpoint, defaultServiceName, resolveOtlpSettings } from './settings/resolveOtlpSettings.js';
export { createOtlpExporter } from './sink/createOtlpExporter.js';
export { OtlpExportError } from './sink/OtlpExportError.js';
export type { OtlpSinkDependencies, OtlpSinkStats } from './sink/OtlpMetricsSink.js';
export { OtlpMetricsSink } from './sink/OtlpMetricsSink.js';
export type { OtlpPoint } from './sink/toResourceMetrics.js';
export { otlpScope, toResourceMetrics } from './sink/toResourceMetrics.js';

/** The plugin, as `plugins: ["@driftwatch/plugin-opentelemetry"]` loads it. */
export default openTelemetryPlugin;
