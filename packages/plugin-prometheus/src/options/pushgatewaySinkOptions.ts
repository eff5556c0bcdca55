import { durationAtLeast, durationSchema } from '@driftwatch/core';
import { z } from 'zod';

/** Why `name` cannot be a fixed grouping label, if it cannot. */
function labelNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) return 'a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)';
  if (name.startsWith('__')) return 'label names starting with "__" are reserved by Prometheus';
  if (name === 'job') return '"job" is the grouping key\'s first label: set it with `job`';
  return undefined;
}

/** Options of the `pushgateway` metrics sink (the `sinks[]` entry without `type`). */
export const pushgatewaySinkOptions = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .refine((u) => !u.includes('?') && !u.includes('#'), 'the Pushgateway base URL, without query or fragment')
      .describe('base URL of the Pushgateway (e.g. http://pushgateway:9091, or a path prefix behind a proxy)'),
    job: z.string().min(1).default('driftwatch').describe('the grouping key\'s "job" label (default driftwatch)'),
    grouping: z
      .record(z.string(), z.string())
      .superRefine((grouping, ctx) => {
        for (const name of Object.keys(grouping)) {
          const problem = labelNameProblem(name);
          if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
        }
      })
      .default({})
      .describe('further grouping-key labels, the same for every push (e.g. { instance: batch-1, env: prod })'),
    groupBy: z
      .array(z.string().min(1))
      .default(['monitor'])
      .describe(
        "dimensions whose values join the grouping key (default [monitor]): each monitor's figures are one group, replaced by its next run",
      ),
    method: z
      .enum(['put', 'post'])
      .default('put')
      .describe("put (default): a push replaces the group's every metric; post: only the metric names it carries"),
    basicAuth: z
      .object({
        username: z.string().min(1).describe('basic-auth user'),
        password: z.string().min(1).meta({
          secret: true,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's ${VAR} syntax, not a template
          description: 'basic-auth password; redacted wherever config or messages are shown (use ${ENV_VAR})',
        }),
      })
      .strict()
      .optional()
      .describe('HTTP basic authentication (the gateway or the proxy in front of it); the password is a secret'),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('extra request headers; values of Authorization, Cookie, X-Api-Key and headers named like a credential are secrets'),
    secretHeaders: z.array(z.string().min(1)).optional().describe('names of further headers whose values are secrets'),
    deleteOnSuccess: z
      .boolean()
      .default(false)
      .describe(
        'at shutdown, when every push of the sink succeeded, delete the groups it pushed (for a long-lived `driftwatch serve`/scheduler process, so a stopped one leaves no stale series)',
      ),
    prefix: z.string().default('driftwatch').describe('metric name prefix (default driftwatch): drift.score → driftwatch_drift_score'),
    maxSeriesPerMetric: z
      .int()
      .min(1)
      .max(1_000_000)
      .default(1000)
      .describe('label sets kept per metric name (default 1000); the rest are dropped'),
    maxLabelValueLength: z.int().min(8).max(65_536).default(256).describe('longest label value (default 256), longer ones are cut'),
    requestTimeout: durationAtLeast(1).default(10_000).describe('each HTTP request (default 10s)'),
    retries: z.int().min(0).max(10).default(2).describe('retries of a push on 5xx, 429 and network errors (default 2)'),
    backoff: durationSchema.default(500).describe('first wait before a retry, doubled each time (default 500ms; Retry-After wins)'),
  })
  .strict()
  .superRefine((o, ctx) => {
    for (const [i, d] of o.groupBy.entries()) {
      if (d === 'job' || Object.hasOwn(o.grouping, d))
        ctx.addIssue({ code: 'custom', path: ['groupBy', i], message: `"${d}" is already a fixed grouping label` });
      if (o.groupBy.indexOf(d) !== i) ctx.addIssue({ code: 'custom', path: ['groupBy', i], message: `"${d}" is listed twice` });
    }
  });

/** Parsed options of the `pushgateway` sink. */
export type PushgatewaySinkOptions = z.output<typeof pushgatewaySinkOptions>;
