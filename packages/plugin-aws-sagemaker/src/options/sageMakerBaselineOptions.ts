import { z } from 'zod';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

const fileOrUri = z.string().min(1);

/** Options of the `sagemaker-baseline` data source: a Model Monitor baseline as a monitor's reference. */
export const sageMakerBaselineOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    statistics: fileOrUri.describe("Model Monitor's statistics.json: s3://bucket/key or a path (relative to the config's folder)"),
    constraints: fileOrUri.describe("Model Monitor's constraints.json: s3://bucket/key or a path"),
    output: z
      .string()
      .min(1)
      .optional()
      .describe("a local folder each run writes constraint_violations.json and the current data's statistics.json to (atomically)"),
  })
  .strict();

/** Parsed options of the `sagemaker-baseline` source. */
export type SageMakerBaselineOptions = z.output<typeof sageMakerBaselineOptions>;
