import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { OtlpSettings } from '../settings/resolveOtlpSettings.js';

/**
 * The OpenTelemetry JS SDK's OTLP/HTTP metric exporter for `settings`: the `-otlp-proto` package's
 * for `http/protobuf`, the `-otlp-http` package's for `http/json`, each loaded on first use. Every
 * setting is passed explicitly (already resolved from config and environment), so the exporter's
 * own reading of `process.env` changes nothing but merges the same headers again.
 */
export async function createOtlpExporter(settings: OtlpSettings): Promise<PushMetricExporter> {
  const config = {
    url: settings.url,
    headers: { ...settings.headers },
    timeoutMillis: settings.timeoutMs,
    // The enum's values are these strings; the enum lives in the exporter's internal base package.
    compression: settings.compression as never,
    concurrencyLimit: 1,
  };
  if (settings.protocol === 'http/json') {
    const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-http');
    return new OTLPMetricExporter(config);
  }
  const { OTLPMetricExporter } = await import('@opentelemetry/exporter-metrics-otlp-proto');
  return new OTLPMetricExporter(config);
}
