import { type CloudWatchClient, type MetricDatum, PutMetricDataCommand, type StandardUnit } from '@aws-sdk/client-cloudwatch';
import { errorCode, isRetryableError, type RetryPolicy, type RetrySeams, retryPolicyFrom, withRetry } from '@driftwatch/aws-common';
import type { MetricPoint, MetricsSink, ProviderLifecycle } from '@driftwatch/core';
import { cloudWatchLimits } from '../mapping/cloudWatchLimits.js';
import { createMetricMapper } from '../mapping/createMetricMapper.js';
import type { CloudWatchMetricId, MetricMapper } from '../mapping/MetricMapper.js';
import type { CloudWatchSinkOptions } from '../options/cloudWatchSinkOptions.js';
import { estimateDatumBytes, estimateRequestOverheadBytes } from './estimateDatumBytes.js';
import { MetricsPublishError } from './MetricsPublishError.js';
import { sanitizeValue } from './sanitizeValue.js';
import { splitBatches } from './splitBatches.js';

/** Counters of a sink since it was made. */
export interface CloudWatchSinkStats {
  /** PutMetricData calls sent, retries included. */
  requests: number;
  /** Retries after throttling, 5xx or network errors. */
  retries: number;
  /** Points CloudWatch accepted. */
  published: number;
  /** Points published with a clamped value (±Infinity, beyond ±2^360, below 2^-360). */
  clamped: number;
  /** Points never sent, by reason. */
  dropped: {
    /** NaN values. */
    nonFinite: number;
    /** Values beyond CloudWatch's range with `outOfRange: drop`. */
    outOfRange: number;
    /** No place in the mapping (compat mode with `unmapped: drop`). */
    unmapped: number;
    /** Dimensions or names beyond CloudWatch's limits. */
    invalid: number;
    /** A timestamp that is not a date. */
    badTimestamp: number;
    /** A timestamp over two weeks old or over two hours ahead, which CloudWatch rejects (failing the whole request). */
    outOfWindow: number;
  };
}

/** Seams for tests: the retry waits, their jitter and the clock. */
export interface CloudWatchSinkDependencies extends RetrySeams {
  /** Epoch ms now, for the timestamp window; defaults to Date.now. */
  readonly now?: () => number;
}

interface Entry {
  /** The point the datum carries; the four of a StatisticSet. */
  readonly points: readonly MetricPoint[];
  readonly namespace: string;
  readonly datum: MetricDatum;
  readonly bytes: number;
}

/**
 * Publishes metric points to CloudWatch with PutMetricData. Points are mapped
 * (see the README's mapping section) and checked when published, and sent
 * when flushed: grouped by namespace, in requests of at most `maxBatchSize`
 * items and `maxRequestBytes` estimated bytes, one request at a time, each
 * retried on throttling, 5xx and network errors with exponential backoff and
 * full jitter. A flush that leaves points unpublished throws a
 * {@link MetricsPublishError} naming them.
 */
export class CloudWatchMetricsSink implements MetricsSink, ProviderLifecycle {
  readonly type = 'cloudwatch';
  /** CloudWatch rejects points over two weeks old: the runtime's outbox drops them first. */
  readonly maxPointAgeMs = cloudWatchLimits.maxPastMs;
  readonly #client: CloudWatchClient;
  readonly #options: CloudWatchSinkOptions;
  readonly #mapper: MetricMapper;
  readonly #retry: RetryPolicy;
  readonly #stats: CloudWatchSinkStats = {
    requests: 0,
    retries: 0,
    published: 0,
    clamped: 0,
    dropped: { nonFinite: 0, outOfRange: 0, unmapped: 0, invalid: 0, badTimestamp: 0, outOfWindow: 0 },
  };
  readonly #now: () => number;
  #pending: Entry[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;

  constructor(client: CloudWatchClient, options: CloudWatchSinkOptions, dependencies: CloudWatchSinkDependencies = {}) {
    this.#client = client;
    this.#options = options;
    this.#mapper = createMetricMapper(options);
    this.#now = dependencies.now ?? Date.now;
    this.#retry = {
      ...retryPolicyFrom(options, dependencies),
      onRetry: () => {
        this.#stats.retries++;
      },
    };
  }

  /** Counters since the sink was made (a live view). */
  get stats(): Readonly<CloudWatchSinkStats> {
    return this.#stats;
  }

  /** Points queued for the next flush. */
  get pending(): number {
    return this.#pending.reduce((n, e) => n + e.points.length, 0);
  }

  async publish(points: readonly MetricPoint[]): Promise<void> {
    const { dropped } = this.#stats;
    const now = this.#now();
    const modelMonitorRuns = new Set(points.filter((p) => p.name === 'modelmonitor.baseline_drift').map((p) => p.dimensions.monitor ?? ''));
    const statisticSets = new Map<
      string,
      {
        metric: CloudWatchMetricId;
        time: number;
        points: MetricPoint[];
        values: Partial<Record<NonNullable<CloudWatchMetricId['statistic']>, number>>;
      }
    >();
    for (const point of points) {
      const value = sanitizeValue(point.value, this.#options.outOfRange);
      if (value.status === 'nonFinite' || value.status === 'outOfRange') {
        dropped[value.status]++;
        continue;
      }
      const time = Date.parse(point.timestamp);
      if (Number.isNaN(time)) {
        dropped.badTimestamp++;
        continue;
      }
      if (time < now - cloudWatchLimits.maxPastMs || time > now + cloudWatchLimits.maxFutureMs) {
        dropped.outOfWindow++;
        continue;
      }
      const mapped = this.#mapper.map(point.name, point.dimensions, {
        modelMonitorBaselineDrift: modelMonitorRuns.has(point.dimensions.monitor ?? ''),
      });
      if (!mapped.ok) {
        dropped[mapped.reason]++;
        continue;
      }
      if (value.status === 'clamped') this.#stats.clamped++;
      const { metric } = mapped;
      if (metric.statistic) {
        const key = `${metric.namespace}|${metric.metricName}|${time}|${metric.dimensions.map((d) => `${d.Name}=${d.Value}`).join(',')}`;
        const set = statisticSets.get(key) ?? { metric, time, points: [], values: {} };
        set.points.push(point);
        set.values[metric.statistic] = value.value;
        statisticSets.set(key, set);
        continue;
      }
      const datum: MetricDatum = {
        MetricName: metric.metricName,
        Dimensions: metric.dimensions as MetricDatum['Dimensions'],
        Timestamp: new Date(time),
        Value: value.value,
        Unit: point.unit as StandardUnit,
        ...(this.#options.storageResolution === 1 && { StorageResolution: 1 }),
      };
      this.#pending.push({ points: [point], namespace: metric.namespace, datum, bytes: estimateDatumBytes(datum) });
    }
    for (const { metric, time, points: setPoints, values } of statisticSets.values()) {
      const { SampleCount, Sum, Minimum, Maximum } = values;
      if (SampleCount === undefined || Sum === undefined || Minimum === undefined || Maximum === undefined) {
        // CloudWatch takes a StatisticSet whole or not at all.
        dropped.unmapped += setPoints.length;
        continue;
      }
      const datum: MetricDatum = {
        MetricName: metric.metricName,
        Dimensions: metric.dimensions as MetricDatum['Dimensions'],
        Timestamp: new Date(time),
        StatisticValues: { SampleCount, Sum, Minimum, Maximum },
        Unit: 'None',
        ...(this.#options.storageResolution === 1 && { StorageResolution: 1 }),
      };
      this.#pending.push({ points: setPoints, namespace: metric.namespace, datum, bytes: estimateDatumBytes(datum) });
    }
  }

  /**
   * Forgets the queue, points kept for a retry included: the runtime took the undelivered points
   * into its durable outbox, so the shutdown's flush must not send them as well.
   */
  discard(): void {
    this.#pending = [];
  }

  /** Sends everything queued; concurrent calls run one after the other. */
  flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flushOnce());
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends what is still queued, then releases the client's sockets (even when
   * that last flush fails, which it reports). Idempotent; the sink is not used afterwards.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.flush().finally(() => this.#client.destroy());
    return this.#shutdown;
  }

  async #flushOnce(): Promise<void> {
    if (this.#pending.length === 0) return;
    const queued = this.#pending;
    this.#pending = [];
    const byNamespace = new Map<string, Entry[]>();
    for (const e of queued) {
      const list = byNamespace.get(e.namespace);
      if (list) list.push(e);
      else byNamespace.set(e.namespace, [e]);
    }
    const errors: unknown[] = [];
    const unpublished: MetricPoint[] = [];
    const retained: Entry[] = [];
    let failedRequests = 0;
    for (const [namespace, entries] of byNamespace) {
      const batches = splitBatches(
        entries,
        (e) => e.bytes,
        this.#options.maxBatchSize,
        this.#options.maxRequestBytes,
        estimateRequestOverheadBytes(namespace),
      );
      for (const batch of batches) {
        try {
          await withRetry(() => {
            this.#stats.requests++;
            return this.#client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch.map((e) => e.datum) }));
          }, this.#retry);
          this.#stats.published += batch.reduce((n, e) => n + e.points.length, 0);
        } catch (error) {
          failedRequests++;
          errors.push(error);
          for (const e of batch) unpublished.push(...e.points);
          if (isRetryableError(error)) retained.push(...batch);
        }
      }
    }
    // Points published while this flush ran stay behind the retained ones.
    this.#pending = retained.concat(this.#pending);
    if (errors.length > 0) {
      const first = errors[0] as Error;
      throw new MetricsPublishError(
        `${unpublished.length} of ${queued.reduce((n, e) => n + e.points.length, 0)} points not published (${failedRequests} failed request${failedRequests === 1 ? '' : 's'}, ${retained.length} kept for the next flush): ${errorCode(first) ?? 'Error'}: ${first?.message ?? String(first)}`,
        { unpublished, retained: retained.length, errors },
      );
    }
  }
}
