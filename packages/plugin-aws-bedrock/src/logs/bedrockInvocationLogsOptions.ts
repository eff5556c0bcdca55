import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

/** Options of the `bedrock-invocation-logs` data source. */
export const bedrockInvocationLogsOptions = z
  .object({
    ...awsConnectionOptions.shape,
    uri: z
      .string()
      .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/, 'an S3 URI such as s3://bucket/prefix')
      .describe(
        's3://bucket/prefix holding invocation logs: the S3 destination of invocation logging (…/AWSLogs/<account>/BedrockModelInvocationLogs/…) or CloudWatch Logs export files',
      ),
    // Not `from`/`to`: a monitor's reference with a `from` key is read as `{ from: champion }`.
    since: z.iso.datetime({ offset: true }).optional().describe('keep records with a timestamp at or after this ISO time'),
    until: z.iso.datetime({ offset: true }).optional().describe('keep records with a timestamp before this ISO time'),
    modelId: z.string().min(1).optional().describe('keep only records of this model ID or ARN (default all)'),
    forcePathStyle: z
      .boolean()
      .default(false)
      .describe('address S3 objects as endpoint/bucket/key rather than bucket.endpoint/key; most S3 emulators need it (default false)'),
  })
  .strict();

/** Parsed options of the `bedrock-invocation-logs` data source. */
export type BedrockInvocationLogsOptions = z.output<typeof bedrockInvocationLogsOptions>;
