import { type MetricPoint, ProviderError } from '@driftwatch/core';

/**
 * A flush that left points unpublished. `unpublished` lists them all;
 * `retained` of them (those whose requests failed for a retryable reason after
 * every attempt) stay queued and go out with the next flush; the others were
 * rejected by the service for good and are discarded. `cause` is the first
 * request's error, `errors` every failed request's.
 */
export class MetricsPublishError extends ProviderError {
  readonly unpublished: readonly MetricPoint[];
  readonly retained: number;
  readonly errors: readonly unknown[];

  constructor(message: string, options: { unpublished: readonly MetricPoint[]; retained: number; errors: readonly unknown[] }) {
    super('cloudwatch', 'PutMetricData', message, { cause: options.errors[0] });
    this.unpublished = options.unpublished;
    this.retained = options.retained;
    this.errors = options.errors;
  }
}
