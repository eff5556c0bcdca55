import { definePlugin, defineProvider } from '@driftwatch/core';
import { CloudWatchAlarmManager } from './alarms/CloudWatchAlarmManager.js';
import { createCloudWatchClient } from './client/createCloudWatchClient.js';
import { cloudWatchAlarmOptions } from './options/cloudWatchAlarmOptions.js';
import { cloudWatchSinkOptions } from './options/cloudWatchSinkOptions.js';
import { CloudWatchMetricsSink } from './sink/CloudWatchMetricsSink.js';

/** The CloudWatch plugin: a `cloudwatch` metrics sink and a `cloudwatch` alarm manager. */
export const cloudWatchPlugin = definePlugin({
  name: '@driftwatch/plugin-aws-cloudwatch',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'cloudwatch',
      description: 'publishes metric points to Amazon CloudWatch (PutMetricData), optionally under SageMaker Model Monitor names',
      options: cloudWatchSinkOptions,
      create: (options, context) => new CloudWatchMetricsSink(createCloudWatchClient(options, context.env), options),
    }),
    defineProvider({
      port: 'AlarmManager',
      type: 'cloudwatch',
      description: 'keeps one CloudWatch metric alarm per alert rule (PutMetricAlarm), idempotently',
      options: cloudWatchAlarmOptions,
      create: (options, context) => new CloudWatchAlarmManager(createCloudWatchClient(options, context.env), options),
    }),
  ],
});
