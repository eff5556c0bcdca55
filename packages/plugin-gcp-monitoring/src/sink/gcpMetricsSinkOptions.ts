import { z } from 'zod';
import { checkConnectionOptions, gcpConnectionOptionsShape } from '../client/gcpConnectionOptions.js';
import { monitoredResourceSchema } from '../client/monitoredResource.js';
import { defaultMetricPrefix } from '../mapping/metricType.js';

/** `custom.googleapis.com/` followed by path segments of `[a-z0-9_]`. */
export const metricPrefixSchema = z
  .string()
  .regex(/^custom\.googleapis\.com(\/[a-z0-9_]+)+$/, 'must be custom.googleapis.com/<path> with lower-case letters, digits, _ and /')
  .default(defaultMetricPrefix);

/** Options of the `gcp-monitoring` metrics sink, as written in config. */
export const gcpMetricsSinkOptionsSchema = z
  .object({
    ...gcpConnectionOptionsShape,
    /** Metric types are `<metricPrefix>/<name with dots as slashes>`; default `custom.googleapis.com/driftwatch`. */
    metricPrefix: metricPrefixSchema,
    /** The monitored resource of every series; default `{ type: global }`. */
    resource: monitoredResourceSchema.default({ type: 'global' }),
  })
  .strict()
  .superRefine(checkConnectionOptions);
