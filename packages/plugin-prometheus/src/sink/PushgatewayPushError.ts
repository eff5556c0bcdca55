import { type MetricPoint, ProviderError } from '@driftwatch/core';

/**
 * A flush of the `pushgateway` sink that left points unpushed: `unpublished` names them (the
 * runtime keeps them in the sink's outbox), `retained` counts those the sink keeps for its next
 * flush (after 5xx, 429 or network errors; a 4xx is not retried).
 */
export class PushgatewayPushError extends ProviderError {
  readonly unpublished: readonly MetricPoint[];
  readonly retained: number;

  constructor(message: string, options: { unpublished: readonly MetricPoint[]; retained: number; cause?: unknown }) {
    super('pushgateway', 'push', message, { cause: options.cause });
    this.unpublished = options.unpublished;
    this.retained = options.retained;
  }
}
