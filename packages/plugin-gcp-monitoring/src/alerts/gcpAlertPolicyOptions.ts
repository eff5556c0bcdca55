import { z } from 'zod';
import { checkConnectionOptions, gcpConnectionOptionsShape } from '../client/gcpConnectionOptions.js';
import { metricPrefixSchema } from '../sink/gcpMetricsSinkOptions.js';

/** Per-series aligners that make sense for a GAUGE DOUBLE metric. */
export const aligners = ['ALIGN_MAX', 'ALIGN_MIN', 'ALIGN_MEAN', 'ALIGN_NEXT_OLDER', 'ALIGN_PERCENTILE_99', 'ALIGN_PERCENTILE_50'] as const;

/** Options of the `gcp-monitoring` alarm manager, as written in config. */
export const gcpAlertPolicyOptionsSchema = z
  .object({
    ...gcpConnectionOptionsShape,
    /** Must match the sink's `metricPrefix`; default `custom.googleapis.com/driftwatch`. */
    metricPrefix: metricPrefixSchema,
    /** Monitored resource type the sink writes to (`resource.type` in the filter); default `global`. */
    resourceType: z.enum(['global', 'generic_task', 'generic_node']).default('global'),
    /** Start of every policy's display name; default `Driftwatch: `. */
    displayNamePrefix: z.string().max(100).default('Driftwatch: '),
    /** Notification channels (`projects/<p>/notificationChannels/<id>`) every policy notifies; default none. */
    notificationChannels: z
      .array(z.string().regex(/^projects\/[^/]+\/notificationChannels\/[^/]+$/, 'must be projects/<project>/notificationChannels/<id>'))
      .max(16)
      .default([]),
    /** How long the threshold must be crossed before the policy fires, in s; a multiple of 60 (default 0: at once). */
    durationSeconds: z.number().int().min(0).max(86_400).multipleOf(60, 'must be a multiple of 60 seconds').default(0),
    /** Alignment period of the condition, in s: 60 to 90 000 (default 300). A longer one keeps an incident open between sparse runs. */
    alignmentPeriodSeconds: z.number().int().min(60).max(90_000).default(300),
    /** Per-series aligner; default ALIGN_MAX for `gt`/`gte` rules and ALIGN_MIN for `lt`/`lte`, so any crossing point counts. */
    aligner: z.enum(aligners).optional(),
    /** Dimension that carries the monitor's name; the filter matches it to the monitor being synced. `null` to not filter on it. */
    monitorDimension: z.string().min(1).nullable().default('monitor'),
    /** Delete the monitor's policies (found by its `driftwatch_monitor` label) that no rule produces any more; default false: report them as stale. */
    prune: z.boolean().default(false),
  })
  .strict()
  .superRefine(checkConnectionOptions);
