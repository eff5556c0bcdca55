import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';
import { parseMemorySize } from '../memory/parseMemorySize.js';

/** A size in bytes: `10MB`, `512KB`, or a number of bytes (not a share of RAM). */
const byteSizeSchema = z.union([z.string(), z.number()]).transform((value, ctx): number => {
  const parsed =
    typeof value === 'string' && value.trim().endsWith('%')
      ? { problem: `"${value}" is a share of RAM: give a size (10MB)` }
      : parseMemorySize(value);
  if ('problem' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }
  return parsed.bytes;
});

/** Ingestion limits of `driftwatch serve`. */
export const ingestConfigSchema = z.strictObject({
  /** Largest request body of the events and labels routes (`10MB`, or bytes); a larger one gets 413. Default 10MB. */
  maxBytes: byteSizeSchema.default(10 * 1024 * 1024),
  /** Most records in one batch; more get 413. Default 100000. */
  maxEvents: z.int().min(1).default(100_000),
  /** Batches accepted and waiting for the store at most; one more gets 429 with Retry-After. Default 64. */
  queueSize: z.int().min(1).default(64),
});

/** Rate limits, per client (token, else IP), in requests per minute. */
export const rateLimitConfigSchema = z.strictObject({
  /** Ingestion requests per minute per token. Default 6000. */
  ingestPerMinute: z.int().min(1).default(6000),
  /** Sign-in attempts per minute per IP. Default 10. */
  signInPerMinute: z.int().min(1).default(10),
});

/** `/metrics`. */
export const serverMetricsConfigSchema = z.strictObject({
  /** Serve `/metrics` without a token (for a Prometheus scraper inside a trusted network). Default false: scope `read`. */
  public: z.boolean().default(false),
  /** Series exported per metric name at most; the others are dropped and counted in `driftwatch_metrics_dropped_series`. Default 10000. */
  maxSeries: z.int().min(1).default(10_000),
});

/** CORS: off unless origins are listed. */
export const corsConfigSchema = z.strictObject({
  /** Origins allowed to call the API from a browser, e.g. `https://grafana.example.com`. Default none: CORS off. */
  origins: z.array(z.url()).default([]),
});

/** The `server:` section: how `driftwatch serve` listens and what it accepts. */
export const serverConfigSchema = z.strictObject({
  /** Address to listen on; `--host` wins. Default 127.0.0.1 (only this machine). */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; `--port` wins. Default 8080. */
  port: z.int().min(0).max(65_535).default(8080),
  /** How long a dashboard session lasts after sign-in. Default 12h. */
  sessionTtl: durationAtLeast(1000).default(12 * 3_600_000),
  /**
   * With a shared `queue:` (postgres): whether this replica also runs jobs (monitor runs, retraining
   * attempts), as `driftwatch worker` does; `serve --worker` sets it. Without one, `serve` runs its
   * monitors itself whatever this says. Default false.
   */
  worker: z.boolean().default(false),
  /** Jobs a `serve` replica with `worker: true` runs at once. Default 2. */
  workerConcurrency: z.int().min(1).max(256).default(2),
  /** On SIGTERM/SIGINT, how long runs in flight may take before they are aborted. Default 30s. */
  shutdownTimeout: durationAtLeast(0).default(30_000),
  /**
   * How often stored events older than each monitor's `events.retention` are deleted (`1h`, at
   * least `1s`); also once when the server starts. Runs prune their monitor's events too. Default 1h.
   */
  retentionInterval: durationAtLeast(1000).default(3_600_000),
  cors: corsConfigSchema.default({ origins: [] }),
  metrics: serverMetricsConfigSchema.default({ public: false, maxSeries: 10_000 }),
  ingest: ingestConfigSchema.default({ maxBytes: 10 * 1024 * 1024, maxEvents: 100_000, queueSize: 64 }),
  rateLimit: rateLimitConfigSchema.default({ ingestPerMinute: 6000, signInPerMinute: 10 }),
});

/** A validated `server:` section, defaults filled in. */
export type ServerConfig = Readonly<z.output<typeof serverConfigSchema>>;

/** The `server:` section of a config without one. */
export const defaultServerConfig: ServerConfig = serverConfigSchema.parse({});
