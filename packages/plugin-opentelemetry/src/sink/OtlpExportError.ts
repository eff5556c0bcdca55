import { type MetricPoint, ProviderError } from '@driftwatch/core';

/**
 * A flush of the `otlp` sink that left points unexported (the receiver down, a 4xx, a timeout,
 * after the exporter's own retries): `unpublished` names them, and the runtime keeps them in the
 * sink's outbox. `status` is the receiver's HTTP status when it answered.
 */
export class OtlpExportError extends ProviderError {
  readonly unpublished: readonly MetricPoint[];
  readonly status?: number;

  constructor(message: string, options: { unpublished: readonly MetricPoint[]; status?: number; cause?: unknown }) {
    super('otlp', 'export', message, { cause: options.cause });
    this.unpublished = options.unpublished;
    this.status = options.status;
  }
}
