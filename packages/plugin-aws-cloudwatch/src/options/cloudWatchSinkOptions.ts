import { z } from 'zod';
import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';
import { cloudWatchConnectionOptions } from './cloudWatchConnectionOptions.js';
import { checkMappingOptions, mappingOptions } from './mappingOptions.js';

/** Options of the `cloudwatch` metrics sink (the `sinks[]` entry without `type`). */
export const cloudWatchSinkOptions = z
  .object({
    ...cloudWatchConnectionOptions.shape,
    ...mappingOptions,
    storageResolution: z
      .union([z.literal(1), z.literal(60)])
      .default(60)
      .describe('1: high-resolution metrics (per-second, billed as such); 60: standard (default)'),
    maxBatchSize: z
      .int()
      .min(1)
      .max(cloudWatchLimits.maxDatumsPerRequest)
      .default(cloudWatchLimits.maxDatumsPerRequest)
      .describe('metric data items per PutMetricData request, at most 1000 (default 1000)'),
    maxRequestBytes: z
      .int()
      .min(10_000)
      .max(cloudWatchLimits.maxRequestBytes)
      .default(cloudWatchLimits.maxRequestBytes)
      .describe('upper bound of the estimated request body in bytes, at most 1000000 (default 1000000)'),
    outOfRange: z
      .enum(['clamp', 'drop'])
      .default('clamp')
      .describe(
        'values beyond ±2^360 (and ±Infinity): clamp to ±2^360 (default) or drop; non-zero values below 2^-360 become 0 or are dropped',
      ),
  })
  .strict()
  .superRefine(checkMappingOptions);

/** Parsed options of the `cloudwatch` sink. */
export type CloudWatchSinkOptions = z.output<typeof cloudWatchSinkOptions>;
