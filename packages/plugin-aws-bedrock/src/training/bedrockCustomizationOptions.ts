import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

const s3Uri = z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?$/, 'an S3 URI such as s3://bucket/prefix');

/** Options of the `bedrock-customization` training provider. */
export const bedrockCustomizationOptions = z
  .object({
    ...awsConnectionOptions.shape,
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN such as arn:aws:iam::123456789012:role/BedrockCustomization')
      .describe('IAM role Bedrock assumes for the job (reads the training data, writes outputUri)'),
    baseModelIdentifier: z
      .string()
      .min(1)
      .max(2048)
      .describe('the foundation model to customize (model ID or ARN), e.g. amazon.titan-text-express-v1'),
    customizationType: z
      .enum(['FINE_TUNING', 'CONTINUED_PRE_TRAINING'])
      .default('FINE_TUNING')
      .describe('FINE_TUNING on prompt/completion records, or CONTINUED_PRE_TRAINING on unlabeled text (default FINE_TUNING)'),
    outputUri: s3Uri.describe('s3://bucket/prefix where Bedrock writes the job output (metrics, logs)'),
    inputUri: s3Uri
      .optional()
      .describe(
        's3://bucket/prefix where local training files (Bedrock JSONL) are uploaded, as <key>/train/… and <key>/validation/…; needed when dataUri is a local path',
      ),
    forcePathStyle: z
      .boolean()
      .default(false)
      .describe('address S3 objects as endpoint/bucket/key rather than bucket.endpoint/key; most S3 emulators need it (default false)'),
    jobPrefix: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,29}$/, 'at most 30 letters, digits and inner hyphens')
      .default('driftwatch')
      .describe('job and custom model names are `<jobPrefix>-<attempt key>` (default driftwatch)'),
    hyperParameters: z
      .record(z.string(), z.string())
      .default({})
      .describe('hyperparameters of every job (epochCount, batchSize, learningRate…); a request parameter of the same name wins'),
  })
  .strict();

/** Parsed options of the `bedrock-customization` training provider. */
export type BedrockCustomizationOptions = z.output<typeof bedrockCustomizationOptions>;
