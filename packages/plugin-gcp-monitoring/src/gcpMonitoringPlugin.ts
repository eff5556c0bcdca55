import { definePlugin, defineProvider } from '@driftwatch/core';
import { gcpAlertPolicyOptionsSchema } from './alerts/gcpAlertPolicyOptions.js';
import { gcpProvider } from './errors/gcpProviderError.js';
import { gcpMetricsSinkOptionsSchema } from './sink/gcpMetricsSinkOptions.js';

/**
 * Google Cloud Monitoring providers: a metrics sink writing custom metrics and
 * an alarm manager keeping alert policies, both `type: gcp-monitoring`. The
 * project is the `projectId` option, else `GOOGLE_CLOUD_PROJECT`, else the one
 * the Application Default Credentials name.
 */
export const gcpMonitoringPlugin = definePlugin({
  name: '@driftwatch/plugin-gcp-monitoring',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: gcpProvider,
      description: 'writes metric points to Google Cloud Monitoring as custom metrics (custom.googleapis.com/driftwatch/…)',
      options: gcpMetricsSinkOptionsSchema,
      // The client library loads when a config first uses the provider, not when the plugin loads.
      create: async (options, context) => {
        const { GcpMetricsSink } = await import('./sink/GcpMetricsSink.js');
        return new GcpMetricsSink(
          { ...options, projectId: options.projectId ?? context.env.GOOGLE_CLOUD_PROJECT },
          { now: () => context.clock.now(), warn: (message) => context.logger.warn(message) },
        );
      },
    }),
    defineProvider({
      port: 'AlarmManager',
      type: gcpProvider,
      description: 'keeps one Google Cloud Monitoring alert policy per alert rule (metric-threshold conditions)',
      options: gcpAlertPolicyOptionsSchema,
      create: async (options, context) => {
        const { GcpAlertPolicyManager } = await import('./alerts/GcpAlertPolicyManager.js');
        return new GcpAlertPolicyManager({ ...options, projectId: options.projectId ?? context.env.GOOGLE_CLOUD_PROJECT });
      },
    }),
  ],
});

export default gcpMonitoringPlugin;
