import { definePlugin, defineProvider } from '@driftwatch/core';
import { pushgatewaySinkOptions } from './options/pushgatewaySinkOptions.js';

/** The Prometheus plugin: a `pushgateway` metrics sink. */
export const prometheusPlugin = definePlugin({
  name: '@driftwatch/plugin-prometheus',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'pushgateway',
      description: 'pushes metric points as gauges to a Prometheus Pushgateway, one group per grouping key (PUT or POST)',
      options: pushgatewaySinkOptions,
      create: async (options, context) => {
        const { PushgatewayMetricsSink } = await import('./sink/PushgatewayMetricsSink.js');
        return new PushgatewayMetricsSink(options, {
          sleep: (ms) => context.clock.sleep(ms, context.signal),
          signal: context.signal,
          redact: (text) => context.redactor.text(text),
          warn: (message) => context.logger.warn(message),
        });
      },
    }),
  ],
});

export default prometheusPlugin;
