import { z } from 'zod';

/**
 * How the CloudWatch client connects and retries; shared by the sink and the
 * alarm manager. Credentials are never options: they come from the SDK's
 * default chain (environment variables, shared config/SSO, container or
 * instance role), so they never appear in a config file or a log.
 */
export const connectionOptions = {
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z0-9]+)+-\d+$/, 'an AWS region such as us-east-1')
    .optional()
    .describe('AWS region; default: AWS_REGION, then AWS_DEFAULT_REGION, then the SDK chain (shared config)'),
  endpoint: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .optional()
    .describe('endpoint URL override, e.g. a VPC endpoint or a local emulator; default: the regional endpoint'),
  maxAttempts: z
    .int()
    .min(1)
    .max(10)
    .default(5)
    .describe('attempts per request, first included, on throttling, 5xx and network errors (default 5)'),
  retryBaseDelayMs: z
    .int()
    .min(1)
    .max(60_000)
    .default(200)
    .describe('backoff base in ms: attempt n waits a uniform random time in [0, base·2^(n-1)], capped (default 200)'),
  retryMaxDelayMs: z.int().min(1).max(300_000).default(20_000).describe('cap of one backoff wait in ms (default 20000)'),
  requestCompression: z
    .boolean()
    .default(true)
    .describe('gzip PutMetricData bodies of 10 KiB or more, as the SDK does by default (default true)'),
};
