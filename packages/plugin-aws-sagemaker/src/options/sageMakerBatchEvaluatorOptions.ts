import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

/** Options of the `sagemaker-batch` evaluator (a batch transform job per version and holdout). */
export const sageMakerBatchEvaluatorOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN')
      .describe('execution role of the model (pulls the image, reads the artifact, reads and writes workUri)'),
    image: z.string().min(1).describe('inference image URI'),
    workUri: s3UriOption.describe('s3://bucket/prefix: the holdout goes to <job>/input/holdout.csv, the answers come to <job>/output/'),
    instanceType: z
      .string()
      .regex(/^ml\.[a-z0-9.-]+$/, 'an ml.* instance type')
      .default('ml.m5.large')
      .describe('instance type of the transform job (default ml.m5.large)'),
    instanceCount: z.int().min(1).max(100).default(1).describe('instances of the transform job (default 1)'),
    maxPayloadMb: z.int().min(1).max(100).default(6).describe('MaxPayloadInMB: largest mini-batch sent to the container (default 6)'),
    jobPrefix: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,29}$/, 'at most 30 letters, digits and inner hyphens')
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
    classes: z
      .array(z.string().min(1))
      .min(2)
      .refine((c) => new Set(c).size === c.length, 'distinct class names')
      .optional()
      .describe("the class of each probability column of the answers, in order (scikit-learn's classes_)"),
    singleValue: z
      .enum(['label', 'score'])
      .default('label')
      .describe(
        "what an answer of one number per row is: the predicted label or value (default), or a binary model's positive-class probability (score; XGBoost's binary:logistic), which with two classes gives both classes' probabilities",
      ),
    dropColumns: z
      .array(z.string().min(1))
      .default([])
      .describe('holdout columns not sent besides the target; one the holdout lacks is ignored (default none)'),
  })
  .strict();

/** Parsed options of the `sagemaker-batch` evaluator. */
export type SageMakerBatchEvaluatorOptions = z.output<typeof sageMakerBatchEvaluatorOptions>;
