import { ConfigError, definePlugin, defineProvider } from '@driftwatch/core';
import { otlpSinkOptions } from './options/otlpSinkOptions.js';
import { resolveOtlpSettings } from './settings/resolveOtlpSettings.js';

/** The OpenTelemetry plugin: an `otlp` metrics sink. */
export const openTelemetryPlugin = definePlugin({
  name: '@driftwatch/plugin-opentelemetry',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'otlp',
      description: 'exports metric points as OpenTelemetry gauges over OTLP/HTTP (protobuf or JSON), honouring the OTEL_* variables',
      options: otlpSinkOptions,
      create: async (options, context) => {
        const settings = resolveOtlpSettings(options, context.env);
        if (settings.errors.length > 0) {
          throw new ConfigError(`otlp sink: ${settings.errors.join('; ')}`, {
            issues: settings.errors.map((message) => ({ path: message.split(':')[0] ?? 'env', message })),
          });
        }
        for (const warning of settings.warnings) context.logger.warn(warning);
        // Headers from the environment carry API keys whatever their names.
        for (const value of settings.envHeaderValues) context.redactor.add(value);
        const [{ createOtlpExporter }, { OtlpMetricsSink }] = await Promise.all([
          import('./sink/createOtlpExporter.js'),
          import('./sink/OtlpMetricsSink.js'),
        ]);
        return new OtlpMetricsSink(await createOtlpExporter(settings), settings, options, { redact: (t) => context.redactor.text(t) });
      },
    }),
  ],
});

export default openTelemetryPlugin;
