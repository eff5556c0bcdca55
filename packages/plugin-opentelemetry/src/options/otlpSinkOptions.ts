import { durationAtLeast } from '@driftwatch/core';
import { z } from 'zod';

/** The OTLP/HTTP encodings the sink speaks (the values of `OTEL_EXPORTER_OTLP_PROTOCOL` it accepts). */
export const otlpProtocols = ['http/protobuf', 'http/json'] as const;

/** One of {@link otlpProtocols}. */
export type OtlpProtocol = (typeof otlpProtocols)[number];

/**
 * Options of the `otlp` metrics sink (the `sinks[]` entry without `type`). Every connection option
 * left out is taken from the OpenTelemetry environment variables, then from the specification's
 * default (see `resolveOtlpSettings`).
 */
export const otlpSinkOptions = z
  .object({
    endpoint: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .optional()
      .describe(
        'the metrics URL, used as is (e.g. http://collector:4318/v1/metrics); else OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/metrics, else http://localhost:4318/v1/metrics',
      ),
    protocol: z
      .enum(otlpProtocols)
      .optional()
      .describe(
        'http/protobuf or http/json; else OTEL_EXPORTER_OTLP_METRICS_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf',
      ),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        'request headers, over those of OTEL_EXPORTER_OTLP_METRICS_HEADERS and OTEL_EXPORTER_OTLP_HEADERS; values of Authorization, X-Api-Key and headers named like a credential are secrets',
      ),
    secretHeaders: z.array(z.string().min(1)).optional().describe('names of further headers whose values are secrets'),
    resource: z
      .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe(
        'resource attributes (e.g. { service.name: churn-monitor, deployment.environment.name: prod }), over OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; service.name defaults to driftwatch',
      ),
    prefix: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a metric name start: a letter, then letters, digits, _ . -')
      .or(z.literal(''))
      .default('driftwatch')
      .describe('metric name prefix, joined with a dot (default driftwatch): drift.score → driftwatch.drift.score'),
    requestTimeout: durationAtLeast(1)
      .optional()
      .describe('each export, retries included; else OTEL_EXPORTER_OTLP_METRICS_TIMEOUT, else OTEL_EXPORTER_OTLP_TIMEOUT (ms), else 10s'),
    compression: z
      .enum(['none', 'gzip'])
      .optional()
      .describe('request body compression; else OTEL_EXPORTER_OTLP_METRICS_COMPRESSION, else OTEL_EXPORTER_OTLP_COMPRESSION, else none'),
    maxBatchSize: z.int().min(1).max(100_000).default(1000).describe('data points per export request (default 1000)'),
  })
  .strict();

/** Parsed options of the `otlp` sink. */
export type OtlpSinkOptions = z.output<typeof otlpSinkOptions>;
