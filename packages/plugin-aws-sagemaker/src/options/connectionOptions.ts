import { z } from 'zod';

/**
 * How the AWS clients connect and retry; shared by every provider of the
 * plugin. Credentials are never options: they come from the SDK's default
 * chain (environment, shared config/SSO, container or instance role), or
 * from the named `profile` of the shared config files.
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
    .describe('endpoint URL override for every client of the provider, e.g. a VPC endpoint or a local emulator'),
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
};

/** Options of providers that talk to S3 as well. */
export const s3ConnectionOptions = {
  ...connectionOptions,
  forcePathStyle: z
    .boolean()
    .default(false)
    .describe('address S3 objects as endpoint/bucket/key rather than bucket.endpoint/key; most S3 emulators need it (default false)'),
};

/** Parsed {@link connectionOptions}. */
export interface ConnectionSettings {
  readonly region?: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly maxAttempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly forcePathStyle?: boolean;
}
