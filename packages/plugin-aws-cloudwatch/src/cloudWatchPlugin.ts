import { definePlugin, defineProvider } from '@driftwatch/core';
import { cloudWatchAlarmOptions } from './options/cloudWatchAlarmOptions.js';
import { cloudWatchSinkOptions } from './options/cloudWatchSinkOptions.js';

// The providers and the AWS SDK load when a config first uses them (`create`), not when the
// plugin loads: every config-driven command loads the built-in plugins.
const client = () => import('./client/createCloudWatchClient.js');

/** The CloudWatch plugin: a `cloudwatch` metrics sink and a `cloudwatch` alarm manager. */
export const cloudWatchPlugin = definePlugin({
  name: '@driftwatch/plugin-aws-cloudwatch',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'cloudwatch',
      description: 'publishes metric points to Amazon CloudWatch (PutMetricData), optionally under SageMaker Model Monitor names',
      options: cloudWatchSinkOptions,
      create: async (options, context) => {
        const [{ createCloudWatchClient }, { CloudWatchMetricsSink }] = await Promise.all([
          client(),
          import('./sink/CloudWatchMetricsSink.js'),
        ]);
        // Retry waits end when the process is asked to stop; the final flush then makes one attempt.
        return new CloudWatchMetricsSink(createCloudWatchClient(options, context.env), options, {
          now: () => context.clock.now(),
          sleep: (ms) => context.clock.sleep(ms, context.signal),
        });
      },
    }),
    defineProvider({
      port: 'AlarmManager',
      type: 'cloudwatch',
      description: 'keeps one CloudWatch metric alarm per alert rule (PutMetricAlarm), idempotently',
      options: cloudWatchAlarmOptions,
      create: async (options, context) => {
        const [{ createCloudWatchClient }, { CloudWatchAlarmManager }] = await Promise.all([
          client(),
          import('./alarms/CloudWatchAlarmManager.js'),
        ]);
        return new CloudWatchAlarmManager(createCloudWatchClient(options, context.env), options);
      },
    }),
  ],
});

export default cloudWatchPlugin;
