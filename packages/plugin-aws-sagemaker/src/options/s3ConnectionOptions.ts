import { type AwsConnectionOptions, awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

/** Connection options of providers that talk to S3 as well: the AWS plugins' connection options, plus path-style addressing. */
export const s3ConnectionOptions = awsConnectionOptions.extend({
  forcePathStyle: z
    .boolean()
    .default(false)
    .describe('address S3 objects as endpoint/bucket/key rather than bucket.endpoint/key; most S3 emulators need it (default false)'),
});

/** Parsed connection options of any provider of the plugin: `forcePathStyle` only where S3 is used. */
export interface ConnectionSettings extends AwsConnectionOptions {
  readonly forcePathStyle?: boolean;
}
