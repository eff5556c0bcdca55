import { awsConnectionOptions } from '@driftwatch/aws-common';
import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import {
  classesSchema,
  dropColumnsSchema,
  instanceTypeSchema,
  resourcePrefixSchema,
  roleArnSchema,
  singleValueSchema,
} from './sharedSchemas.js';

/** InvokeEndpoint's largest request body: 6 MB (6 291 456 bytes, the API's `Body` length limit). */
export const maxInvokePayloadBytes = 6 * 1024 * 1024;

/** Response content types the evaluator reads (see the README's "Response formats"). */
export const evaluatorResponseTypes = ['text/csv', 'application/jsonlines', 'application/json'] as const;

/** Options of the `sagemaker-endpoint` evaluator. */
export const sageMakerEvaluatorOptions = z
  .object({
    ...awsConnectionOptions.shape,
    endpointName: z
      .string()
      .regex(/^[a-zA-Z0-9{}](-*[a-zA-Z0-9{}]){0,80}$/, 'letters, digits, inner hyphens, and the placeholders {model} and {version}')
      .optional()
      .describe(
        'an existing InService endpoint that serves the version scored, `{model}` and `{version}` replaced (e.g. churn-v{version}); unset: a temporary endpoint per version, deleted afterwards',
      ),
    checkModel: z
      .boolean()
      .default(true)
      .describe(
        'with endpointName: before scoring, check that the endpoint serves the version (its model’s ModelDataUrl is the version’s artifactUri) (default true)',
      ),
    roleArn: roleArnSchema()
      .optional()
      .describe('temporary endpoint: execution role of its model (pulls the image, reads the artifact); required without endpointName'),
    image: z.string().min(1).optional().describe('temporary endpoint: inference image URI; required without endpointName'),
    instanceType: instanceTypeSchema.default('ml.m5.large').describe('temporary endpoint: instance type (default ml.m5.large)'),
    initialInstanceCount: z.int().min(1).max(100).default(1).describe('temporary endpoint: instances (default 1)'),
    namePrefix: resourcePrefixSchema
      .default('driftwatch-eval')
      .describe('temporary endpoint: its model, config and endpoint are named `<namePrefix>-<model>-v<version>` (default driftwatch-eval)'),
    waitTimeout: durationAtLeast(1000)
      .default(30 * 60_000)
      .describe('temporary endpoint: how long to wait for InService, in ms or as 30m/1h (default 30m)'),
    pollInterval: durationAtLeast(1)
      .default(15_000)
      .describe('temporary endpoint: first wait between DescribeEndpoint polls; it grows ×1.5 up to 4× (default 15s)'),
    accept: z
      .enum(evaluatorResponseTypes)
      .default('text/csv')
      .describe('Accept header of the requests; the response is read by its own ContentType, this one when it has none (default text/csv)'),
    classes: classesSchema
      .optional()
      .describe(
        "the class of each probability column of the model's output, in order (scikit-learn's classes_); needed to read probabilities unless each JSON answer names them",
      ),
    singleValue: singleValueSchema,
    dropColumns: dropColumnsSchema.describe(
      'holdout columns not sent to the model besides the target; one the holdout lacks is ignored (default none)',
    ),
    maxPayloadBytes: z
      .int()
      .min(1)
      .max(maxInvokePayloadBytes)
      .default(maxInvokePayloadBytes)
      .describe('largest request body in bytes (default and maximum 6 MB, InvokeEndpoint’s limit; serverless endpoints take 4 MB)'),
    maxRowsPerRequest: z.int().min(1).max(1_000_000).default(1000).describe('most rows in one request (default 1000)'),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.endpointName !== undefined) return;
    if (o.roleArn === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['roleArn'],
        message: 'required without endpointName (the temporary endpoint’s model runs as it)',
      });
    if (o.image === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['image'],
        message: 'required without endpointName (the temporary endpoint’s inference image)',
      });
  });

/** Parsed options of the `sagemaker-endpoint` evaluator. */
export type SageMakerEvaluatorOptions = z.output<typeof sageMakerEvaluatorOptions>;
