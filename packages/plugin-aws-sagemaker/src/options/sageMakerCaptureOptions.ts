import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

/** Options of the `sagemaker-capture` data source. */
export const sageMakerCaptureOptions = z
  .object({
    ...s3ConnectionOptions.shape,
    uri: s3UriOption.describe(
      's3://bucket/prefix: the data-capture root, an endpoint/variant folder or any prefix; every .jsonl object under it is read',
    ),
    inputColumns: z.array(z.string().min(1)).optional().describe('names of CSV (or array) input fields, in order; default f0, f1, …'),
    outputColumns: z
      .array(z.string().min(1))
      .min(1)
      .default(['prediction'])
      .describe('names of CSV (or array) output fields, in order; default ["prediction"]'),
    from: z.iso.datetime({ offset: true }).optional().describe('keep records with inferenceTime at or after this ISO time'),
    to: z.iso.datetime({ offset: true }).optional().describe('keep records with inferenceTime before this ISO time'),
  })
  .strict();

/** Parsed options of the `sagemaker-capture` source. */
export type SageMakerCaptureOptions = z.output<typeof sageMakerCaptureOptions>;
