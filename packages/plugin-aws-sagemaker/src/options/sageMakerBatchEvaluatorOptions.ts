import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';
import {
  classesSchema,
  dropColumnsSchema,
  instanceTypeSchema,
  resourcePrefixSchema,
  roleArnSchema,
  singleValueSchema,
} from './sharedSchemas.js';

/** Options of the `sagemaker-batch` evaluator (a batch transform job per version and holdout). */
export const sageMakerBatchEvaluatorOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    roleArn: roleArnSchema().describe('execution role of the model (pulls the image, reads the artifact, reads and writes workUri)'),
    image: z.string().min(1).describe('inference image URI'),
    workUri: s3UriOption.describe('s3://bucket/prefix: the holdout goes to <job>/input/holdout.csv, the answers come to <job>/output/'),
    instanceType: instanceTypeSchema.default('ml.m5.large').describe('instance type of the transform job (default ml.m5.large)'),
    instanceCount: z.int().min(1).max(100).default(1).describe('instances of the transform job (default 1)'),
    maxPayloadMb: z.int().min(1).max(100).default(6).describe('MaxPayloadInMB: largest mini-batch sent to the container (default 6)'),
    jobPrefix: resourcePrefixSchema
      .default('driftwatch-eval')
      .describe('jobs and their models are named `<jobPrefix>-<model>-v<version>-<holdout hash>` (default driftwatch-eval)'),
    waitTimeout: durationAtLeast(1000)
      .default(60 * 60_000)
      .describe('deadline of the transform job, in ms or as 30m/2h; it is stopped then (default 1h)'),
    pollInterval: durationAtLeast(1)
      .default(30_000)
      .describe('first wait between DescribeTransformJob polls; it grows ×1.5 up to 4× (default 30s)'),
    accept: z
      .enum(['text/csv', 'application/jsonlines'])
      .default('text/csv')
      .describe('Accept of the job: its answers are read a line per row, as CSV or JSON Lines (default text/csv)'),
    classes: classesSchema.optional().describe("the class of each probability column of the answers, in order (scikit-learn's classes_)"),
    singleValue: singleValueSchema,
    dropColumns: dropColumnsSchema.describe('holdout columns not sent besides the target; one the holdout lacks is ignored (default none)'),
  })
  .strict();

/** Parsed options of the `sagemaker-batch` evaluator. */
export type SageMakerBatchEvaluatorOptions = z.output<typeof sageMakerBatchEvaluatorOptions>;
