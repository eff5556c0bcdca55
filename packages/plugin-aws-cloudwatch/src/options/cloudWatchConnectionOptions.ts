import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

/**
 * How the CloudWatch client connects and retries; shared by the sink and the
 * alarm manager: the AWS plugins' connection options, plus request
 * compression.
 */
export const cloudWatchConnectionOptions = awsConnectionOptions.extend({
  requestCompression: z
    .boolean()
    .default(true)
    .describe('gzip PutMetricData bodies of 10 KiB or more, as the SDK does by default (default true)'),
});
