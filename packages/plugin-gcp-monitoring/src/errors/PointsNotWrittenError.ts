import { type MetricPoint, ProviderError } from '@driftwatch/core';
import { gcpProvider } from './gcpProviderError.js';

/**
 * A flush that left points unwritten. `operation` names the first API call that
 * failed (`CreateMetricDescriptor`, `CreateTimeSeries`…); `unwritten` lists every
 * point the service did not confirm, so the caller can log, retry or drop them.
 * The sink drops them from its queue: a rejected point would be rejected again.
 * Points the sink dropped before writing (too old, out of order) are not among them.
 */
export class PointsNotWrittenError extends ProviderError {
  /** Points the service did not confirm, in the order they were published. */
  readonly unwritten: readonly MetricPoint[];
  /**
   * The same points, under the name the runtime's delivery reads (`MetricsSink.flush`): these go
   * to the sink's durable outbox, the points written do not.
   */
  readonly unpublished: readonly MetricPoint[];
  /** Points that were written by the same flush. */
  readonly written: number;

  constructor(operation: string, message: string, unwritten: readonly MetricPoint[], written: number, options?: { cause?: unknown }) {
    super(gcpProvider, operation, message, options);
    this.unwritten = unwritten;
    this.unpublished = unwritten;
    this.written = written;
  }
}
