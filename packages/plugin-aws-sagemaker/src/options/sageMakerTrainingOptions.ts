import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';
import { instanceTypeSchema, roleArnSchema } from './sharedSchemas.js';

/** Options of the `sagemaker` training provider. */
export const sageMakerTrainingOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    roleArn: roleArnSchema('an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerTraining').describe(
      'IAM role the training job runs as (reads inputUri, writes outputUri)',
    ),
    image: z.string().min(1).describe('training image URI, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1'),
    instanceType: instanceTypeSchema.default('ml.m5.large').describe('instance type (default ml.m5.large)'),
    instanceCount: z.int().min(1).max(100).default(1).describe('instances (default 1)'),
    volumeSizeGb: z.int().min(1).max(16_384).default(10).describe('ML storage volume per instance in GB (default 10)'),
    maxRuntime: durationAtLeast(1000)
      .default(86_400_000)
      .describe('longest the job may run, in ms or as 30m/12h/1d; SageMaker stops it then (default 1d)'),
    outputUri: s3UriOption.describe('s3://bucket/prefix where SageMaker writes <job>/output/model.tar.gz'),
    inputUri: s3UriOption
      .optional()
      .describe(
        's3://bucket/prefix where local training files are uploaded (as <key>/train/… and <key>/validation/…); needed when dataUri is a local path',
      ),
    hyperparameters: z
      .record(z.string(), z.string())
      .default({})
      .describe('hyperparameters of every job; a request parameter of the same name wins'),
    jobPrefix: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, 'letters, digits and inner hyphens')
      .max(40)
      .default('driftwatch')
      .describe('start of job names, `<jobPrefix>-<key>` (default driftwatch)'),
    contentType: z.string().min(1).default('text/csv').describe('MIME type of the train/validation channels (default text/csv)'),
  })
  .strict();

/** Parsed options of the `sagemaker` training provider. */
export type SageMakerTrainingOptions = z.output<typeof sageMakerTrainingOptions>;
