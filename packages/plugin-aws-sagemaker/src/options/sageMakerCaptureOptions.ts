import { z } from 'zod';
import { s3UriOption } from '../s3/parseS3Uri.js';
import { s3ConnectionOptions } from './s3ConnectionOptions.js';

/** The label column's name when `targetColumn` is not set. */
export const defaultTargetColumn = 'label';

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
    groundTruthUri: s3UriOption
      .optional()
      .describe(
        's3://bucket/prefix of Model Monitor ground-truth labels (.jsonl, joined by eventId); when set, every row gets a targetColumn, null where no label arrived',
      ),
    targetColumn: z
      .string()
      .min(1)
      .optional()
      .describe(`name of the label column added from groundTruthUri (default "${defaultTargetColumn}"); only with groundTruthUri`),
    predictionFromProbability: z
      .object({
        probability: z.string().min(1).describe('the column of the positive class probability (an output column)'),
        threshold: z.number().min(0).max(1).describe('a probability at or above it is a positive prediction (1), below it 0'),
        column: z.string().min(1).default('prediction').describe('the column the predicted label is written to (default "prediction")'),
      })
      .strict()
      .optional()
      .describe(
        "a binary model's predicted label from its probability, as Model Monitor's ProbabilityAttribute and ProbabilityThresholdAttribute give it: 1 at or above the threshold, 0 below, null where the probability is not a number",
      ),
  })
  .strict()
  .superRefine((options, context) => {
    const derived = options.predictionFromProbability;
    if (derived !== undefined) {
      const outputs = options.outputColumns;
      const taken = ['event_id', 'inference_time', ...(options.inputColumns ?? []), ...outputs];
      if (taken.includes(derived.column) || derived.column === derived.probability) {
        context.addIssue({
          code: 'custom',
          path: ['predictionFromProbability', 'column'],
          message: `"${derived.column}" is already a column of the captured rows; set predictionFromProbability.column to another name`,
        });
      }
    }
    if (options.targetColumn !== undefined && options.groundTruthUri === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['targetColumn'],
        message:
          'names the label column joined from groundTruthUri, which is not set; set groundTruthUri (the s3://… prefix of the ground-truth labels) or drop targetColumn',
      });
      return;
    }
    if (options.groundTruthUri === undefined) return;
    const target = options.targetColumn ?? defaultTargetColumn;
    const taken = ['event_id', 'inference_time', ...(options.inputColumns ?? []), ...(options.outputColumns ?? [])];
    if (taken.includes(target)) {
      context.addIssue({
        code: 'custom',
        path: ['targetColumn'],
        message: `"${target}" is already a column of the captured rows; set targetColumn to another name`,
      });
    }
  });

/** Parsed options of the `sagemaker-capture` source. */
export type SageMakerCaptureOptions = z.output<typeof sageMakerCaptureOptions>;
