import { z } from 'zod';

/**
 * How an AWS plugin's clients connect and retry, the options every AWS
 * provider takes; a plugin extends the schema with its own (`.extend({…})`
 * or `...awsConnectionOptions.shape`), such as S3's `forcePathStyle`.
 * Credentials are never options: they come from the SDK's default chain
 * (environment, shared config/SSO, container or instance role), or from the
 * named `profile` of the shared config files, so they never appear in a
 * config file or a log.
 */
export const awsConnectionOptions = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z0-9]+)+-\d+$/, 'an AWS region such as us-east-1')
    .optional()
    .describe('AWS region; default: AWS_REGION, then AWS_DEFAULT_REGION, then the SDK chain (shared config)'),
  endpoint: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .optional()
    .describe(
      'endpoint URL override for every client of the provider, e.g. a VPC endpoint or a local emulator; default: the regional endpoint',
    ),
  profile: z
    .string()
    .min(1)
    .optional()
    .describe('named profile of ~/.aws/config and ~/.aws/credentials; default: AWS_PROFILE, then "default"'),
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
});

/** Parsed {@link awsConnectionOptions}. */
export type AwsConnectionOptions = z.output<typeof awsConnectionOptions>;
