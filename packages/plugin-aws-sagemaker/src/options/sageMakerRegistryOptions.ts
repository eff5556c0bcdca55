import { awsConnectionOptions } from '@driftwatch/aws-common';
import { z } from 'zod';

/** Options of the `sagemaker` model registry. */
export const sageMakerRegistryOptions = z
  .object({
    ...awsConnectionOptions.shape,
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
  })
  .strict();

/** Parsed options of the `sagemaker` model registry. */
export type SageMakerRegistryOptions = z.output<typeof sageMakerRegistryOptions>;
