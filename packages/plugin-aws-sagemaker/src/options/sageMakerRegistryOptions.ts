import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

/** Options of the `sagemaker` model registry. */
export const sageMakerRegistryOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    image: z.string().min(1).describe('inference image URI recorded in each model package (InferenceSpecification)'),
    groupPrefix: z
      .string()
      .regex(/^[a-zA-Z0-9-]*$/, 'letters, digits and hyphens')
      .max(40)
      .optional()
      .describe('start of model package group names, `<groupPrefix><model>`; default: the group is named after the model'),
    contentTypes: z
      .array(z.string().min(1))
      .min(1)
      .default(['text/csv'])
      .describe('content types the model accepts and answers with (default ["text/csv"])'),
    baselineUri: s3UriOption
      .optional()
      .describe(
        "s3://bucket/prefix: each registered version gets Model Monitor baselines of its training data (statistics.json, constraints.json) under <prefix>/<group>/<version key>/, set as the package's DriftCheckBaselines; `reference: { from: champion }` then reads them",
      ),
  })
  .strict();

/** Parsed options of the `sagemaker` model registry. */
export type SageMakerRegistryOptions = z.output<typeof sageMakerRegistryOptions>;
