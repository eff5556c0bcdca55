import { z } from 'zod';
import { parseApiEndpoint } from './apiEndpoint.js';

/** gRPC status names a call may be retried on (google-gax retry codes). */
export const retryableCodes = ['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED', 'ABORTED', 'INTERNAL'] as const;

/** A gRPC status name from {@link retryableCodes}. */
export type RetryableCode = (typeof retryableCodes)[number];

/** How google-gax retries a failed call: exponential backoff on the listed status codes. */
export const gcpRetryOptionsSchema = z
  .object({
    /** Status codes retried; `[]` turns retries off. Default UNAVAILABLE and DEADLINE_EXCEEDED. */
    codes: z.array(z.enum(retryableCodes)).default(['UNAVAILABLE', 'DEADLINE_EXCEEDED']),
    /** Wait before the first retry, in ms (default 100). */
    initialDelayMs: z.number().int().nonnegative().default(100),
    /** Factor applied to the wait after each retry (default 1.3, as google-gax). */
    multiplier: z.number().min(1).default(1.3),
    /** Longest wait between retries, in ms (default 60 000). */
    maxDelayMs: z.number().int().positive().default(60_000),
    /** Give up after this long in total, in ms (default 120 000). */
    totalTimeoutMs: z.number().int().positive().default(120_000),
  })
  .strict();

/** Resolved retry settings. */
export type GcpRetryOptions = z.output<typeof gcpRetryOptionsSchema>;

/** Options shared by the metrics sink and the alert-policy manager: where and how to call the API. */
export const gcpConnectionOptionsShape = {
  /** Google Cloud project; default `GOOGLE_CLOUD_PROJECT`, then the credentials' project. */
  projectId: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id: 6–30 lower-case letters, digits and hyphens')
    .optional(),
  /**
   * API endpoint, `host` or `host:port` (port default 443): a private or regional endpoint, or a
   * local emulator (`127.0.0.1:8085`, with `plaintext: true`). Default monitoring.googleapis.com.
   */
  apiEndpoint: z
    .string()
    .min(1)
    .refine((v) => parseApiEndpoint(v) !== undefined, 'must be host or host:port (port 1–65535), without a scheme or path')
    .optional(),
  /**
   * Connect in clear text and send no Google credentials: only for a local emulator such as the
   * server of `@driftwatch/plugin-gcp-monitoring/testing`; needs `apiEndpoint`. Default false (TLS, ADC).
   */
  plaintext: z.boolean().default(false),
  /** Service account key file; default the Application Default Credentials chain. */
  keyFilename: z.string().min(1).optional(),
  /** Deadline of one RPC attempt, in ms (default 12 000, the client library's own). */
  timeoutMs: z.number().int().positive().default(12_000),
  retry: gcpRetryOptionsSchema.default(gcpRetryOptionsSchema.parse({})),
};

/** Checks between connection options: `plaintext` needs an `apiEndpoint` (Google's own endpoints take TLS only). */
export function checkConnectionOptions(
  options: { readonly plaintext?: boolean; readonly apiEndpoint?: string },
  ctx: z.RefinementCtx,
): void {
  if (options.plaintext === true && options.apiEndpoint === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['plaintext'],
      message: 'plaintext connects to a local emulator: give its apiEndpoint (host:port) too',
    });
  }
}
