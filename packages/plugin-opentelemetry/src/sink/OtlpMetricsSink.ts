import type { MetricPoint, MetricsSink, ProviderLifecycle } from '@driftwatch/core';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { OtlpSettings } from '../settings/resolveOtlpSettings.js';
import { OtlpExportError } from './OtlpExportError.js';
import { type OtlpPoint, toResourceMetrics } from './toResourceMetrics.js';

/** Counters of a sink since it was made. */
export interface OtlpSinkStats {
  /** Export requests handed to the exporter (its own retries not counted). */
  exports: number;
  /** Points the receiver accepted. */
  published: number;
  /** Points never sent, by reason. */
  dropped: {
    /** NaN or ±Infinity (OTLP/JSON cannot carry them). */
    nonFinite: number;
    /** A timestamp that is not a date. */
    badTimestamp: number;
  };
}

/** Seams: redaction of error messages. */
export interface OtlpSinkDependencies {
  /** Scrubs secrets from error messages (a receiver may echo a header). */
  readonly redact?: (text: string) => string;
}

// OpenTelemetry's units are UCUM: dimensionless figures are "1", counts an annotation.
const ucum: Readonly<Record<string, string>> = { None: '1', Count: '{count}', Percent: '%', Seconds: 's', Milliseconds: 'ms' };

/**
 * Exports metric points as OpenTelemetry gauges over OTLP/HTTP (protobuf or JSON) with the
 * OpenTelemetry JS SDK's exporter. A point's dimensions are its attributes and its timestamp is
 * the data point's time: the sink builds the SDK's `ResourceMetrics` itself and hands it to the
 * exporter, since the SDK's metrics API (a `Meter`'s gauges) stamps every value with the time of
 * collection and could not carry a run's or a window's own time. Points are exported on flush, in
 * requests of at most `maxBatchSize` data points; the exporter retries 429, 502, 503 and 504 with
 * backoff within `timeoutMs`. A flush that leaves points unexported throws an
 * {@link OtlpExportError} naming them.
 */
export class OtlpMetricsSink implements MetricsSink, ProviderLifecycle {
  readonly type = 'otlp';
  readonly #exporter: PushMetricExporter;
  readonly #settings: OtlpSettings;
  readonly #prefix: string;
  readonly #maxBatchSize: number;
  readonly #redact: (text: string) => string;
  readonly #resource: Resource;
  readonly #stats: OtlpSinkStats = { exports: 0, published: 0, dropped: { nonFinite: 0, badTimestamp: 0 } };
  #pending: { point: MetricPoint; otlp: OtlpPoint }[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;

  constructor(
    exporter: PushMetricExporter,
    settings: OtlpSettings,
    options: { prefix: string; maxBatchSize: number },
    dependencies: OtlpSinkDependencies = {},
  ) {
    this.#exporter = exporter;
    this.#settings = settings;
    this.#prefix = options.prefix;
    this.#maxBatchSize = options.maxBatchSize;
    this.#redact = dependencies.redact ?? ((t) => t);
    // The SDK's own attributes (telemetry.sdk.*), under the resolved ones.
    this.#resource = defaultResource().merge(resourceFromAttributes(settings.resource));
  }

  /** Counters since the sink was made (a live view). */
  get stats(): Readonly<OtlpSinkStats> {
    return this.#stats;
  }

  /** Points queued for the next flush. */
  get pending(): number {
    return this.#pending.length;
  }

  async publish(points: readonly MetricPoint[]): Promise<void> {
    for (const point of points) {
      if (!Number.isFinite(point.value)) {
        this.#stats.dropped.nonFinite++;
        continue;
      }
      const timeMs = Date.parse(point.timestamp);
      if (Number.isNaN(timeMs)) {
        this.#stats.dropped.badTimestamp++;
        continue;
      }
      this.#pending.push({
        point,
        otlp: {
          name: this.#prefix === '' ? point.name : `${this.#prefix}.${point.name}`,
          unit: ucum[point.unit] ?? '1',
          description: `Driftwatch metric ${point.name}`,
          // Run ids and window keys are not attributes: each would start a new series.
          attributes: { ...point.dimensions },
          value: point.value,
          timeMs,
        },
      });
    }
  }

  /** Forgets the queue (the runtime keeps undelivered points in its outbox). */
  discard(): void {
    this.#pending = [];
  }

  /** Exports everything queued; concurrent calls run one after the other. */
  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flushOnce());
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  /** Exports what is still queued, then shuts the exporter down (even when that export fails, which it reports). Idempotent. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.flush().finally(() => this.#exporter.shutdown());
    return this.#shutdown;
  }

  async #flushOnce(): Promise<void> {
    if (this.#pending.length === 0) return;
    const queued = this.#pending;
    this.#pending = [];
    const unpublished: MetricPoint[] = [];
    const failures: string[] = [];
    let status: number | undefined;
    let cause: unknown;
    for (let i = 0; i < queued.length; i += this.#maxBatchSize) {
      const batch = queued.slice(i, i + this.#maxBatchSize);
      this.#stats.exports++;
      const result = await new Promise<ExportResult>((resolve) => {
        try {
          this.#exporter.export(
            toResourceMetrics(
              this.#resource,
              batch.map((e) => e.otlp),
            ),
            resolve,
          );
        } catch (error) {
          resolve({ code: ExportResultCode.FAILED, error: error as Error });
        }
      });
      // The exporter frees its request slot just after calling back: wait for that before the next batch.
      await this.#exporter.forceFlush().catch(() => undefined);
      if (result.code === ExportResultCode.SUCCESS) {
        this.#stats.published += batch.length;
        continue;
      }
      for (const e of batch) unpublished.push(e.point);
      const error = result.error as (Error & { code?: number; data?: string }) | undefined;
      if (typeof error?.code === 'number') status = error.code;
      cause ??= error;
      const body = typeof error?.data === 'string' && error.data.trim() !== '' ? ` (${error.data.trim().slice(0, 300)})` : '';
      failures.push(`${error?.message ?? 'export failed'}${body}`);
    }
    if (unpublished.length > 0) {
      throw new OtlpExportError(
        this.#redact(
          `${unpublished.length} of ${queued.length} point(s) not exported to ${this.#settings.url} (${this.#settings.protocol}): ${[...new Set(failures)].join('; ')}`,
        ),
        { unpublished, status, cause },
      );
    }
  }
}
