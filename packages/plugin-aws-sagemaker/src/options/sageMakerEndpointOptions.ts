import { awsConnectionOptions } from '@driftwatch/aws-common';
import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import { instanceTypeSchema, roleArnSchema } from './sharedSchemas.js';

/** Options of the `sagemaker-endpoint` deployer. */
export const sageMakerEndpointOptions = z
  .object({
    ...awsConnectionOptions.shape,
    endpointName: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'at most 63 letters, digits and inner hyphens')
      .describe('the endpoint to deploy to; models and endpoint configs are named `<endpointName>-v<version>`'),
    roleArn: roleArnSchema().describe('execution role of the SageMaker models (CreateModel): pulls the image, reads the artifact'),
    image: z.string().min(1).describe('inference image URI'),
    instanceType: instanceTypeSchema.default('ml.m5.large').describe('instance type (default ml.m5.large)'),
    initialInstanceCount: z.int().min(1).max(100).default(1).describe('instances behind the endpoint (default 1)'),
    variantName: z
      .string()
      .regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, 'letters, digits and inner hyphens')
      .default('AllTraffic')
      .describe('production variant name (default AllTraffic)'),
    captureUri: z
      .string()
      .regex(/^s3:\/\/\S+$/, 'an s3:// URI')
      .optional()
      .describe('s3://bucket/prefix for data capture of requests and responses; none when unset (the `sagemaker-capture` source reads it)'),
    capturePercentage: z.int().min(1).max(100).default(100).describe('share of requests captured when captureUri is set (default 100)'),
    waitTimeout: durationAtLeast(1000)
      .default(30 * 60_000)
      .describe('how long to wait for InService, in ms or as 30m/1h (default 30m)'),
    pollInterval: durationAtLeast(1)
      .default(15_000)
      .describe('first wait between DescribeEndpoint polls; it grows ×1.5 up to 4× (default 15s)'),
  })
  .strict();

/** Parsed options of the `sagemaker-endpoint` deployer. */
export type SageMakerEndpointOptions = z.output<typeof sageMakerEndpointOptions>;
