import { z } from 'zod';

const severity = z.enum(['info', 'warning', 'critical']);

/** A threshold on a metric; fires an alert per matching point, turned into provider alarms by `alarms sync`. */
export const alertRuleConfigSchema = z.strictObject({
  /** Unique within the monitor; names the alert and the provider alarm. */
  name: z.string().min(1),
  /** Metric point name, e.g. `dataset.drift_share`, `drift.score`. */
  metric: z.string().min(1),
  /** How the point's value is compared with `threshold`: value `gt`/`gte`/`lt`/`lte` threshold fires. */
  comparison: z.enum(['gt', 'gte', 'lt', 'lte']),
  threshold: z.number(),
  /** Default `warning`. */
  severity: severity.default('warning'),
  /** Only points carrying all these dimensions match (e.g. `{ feature: income }`). */
  dimensions: z.record(z.string(), z.string()).optional(),
  /** Channel names to notify; default every channel. */
  channels: z.array(z.string().min(1)).optional(),
});
