import { isProviderError, type MetricPoint, type MetricsSink, ProviderError, type ProviderLifecycle } from '@driftwatch/core';
import { MetricServiceClient, type protos } from '@google-cloud/monitoring';
import type { z } from 'zod';
import { GcpClientConnection } from '../client/GcpClientConnection.js';
import { type GaxClientOptions, gaxClientOptions } from '../client/gaxClientOptions.js';
import { monitoredResource } from '../client/monitoredResource.js';
import { parseOptions } from '../client/parseOptions.js';
import { resolveProjectId } from '../client/resolveProjectId.js';
import { gcpProvider, gcpProviderError, grpcStatusName } from '../errors/gcpProviderError.js';
import { PointsNotWrittenError } from '../errors/PointsNotWrittenError.js';
import { dimensionDescription } from '../mapping/dimensionDescription.js';
import { gcpLimits } from '../mapping/gcpLimits.js';
import { labelKey } from '../mapping/labelKey.js';
import { metricType } from '../mapping/metricType.js';
import { monitoringUnit } from '../mapping/monitoringUnit.js';
import { gcpMetricsSinkOptionsSchema } from './gcpMetricsSinkOptions.js';
import { MetricDescriptorRegistry } from './MetricDescriptorRegistry.js';
import { planWriteBatches } from './planWriteBatches.js';

/** Options of {@link GcpMetricsSink}: the config options, plus client options for code (custom transport, credentials). */
export type GcpMetricsSinkOptions = z.input<typeof gcpMetricsSinkOptionsSchema> & {
  /** Passed to `MetricServiceClient`, over the computed options; not settable from config. */
  readonly clientOptions?: GaxClientOptions;
};

/** A queued point with everything the API needs, computed once at publish. */
interface Prepared {
  readonly point: MetricPoint;
  readonly type: string;
  readonly labels: Record<string, string>;
  /** The dimension each label key came from, for the descriptor's label descriptions. */
  readonly dimensionOf: Record<string, string>;
  readonly series: string;
  readonly seconds: number;
  readonly nanos: number;
}

/** Seams of {@link GcpMetricsSink}: its clock, and where it reports the points it dropped. */
export interface GcpMetricsSinkDependencies {
  /** Milliseconds since the epoch; default `Date.now`. The runtime passes its context's clock. */
  readonly now?: () => number;
  /** Receives one line per flush that dropped points; default `process.emitWarning`. The runtime passes its logger. */
  readonly warn?: (message: string) => void;
}

const service = 'google.monitoring.v3.MetricService';

/**
 * Publishes metric points to Google Cloud Monitoring as custom metrics
 * (GAUGE, DOUBLE). A point named `drift.score` with dimensions
 * `{ monitor, feature, method, measure }` becomes a point of
 * `custom.googleapis.com/driftwatch/drift/score` with those labels on the
 * configured monitored resource. Descriptors are created before the first write
 * (once per process, widened when new dimensions appear); points are queued by
 * {@link publish} and written by {@link flush} in as few `CreateTimeSeries`
 * calls as the API's rules allow (≤ 200 series per call, one point per series
 * per call, each series in time order). Transient failures are retried by
 * google-gax; anything else surfaces as a {@link PointsNotWrittenError}.
 *
 * Points the service would reject are dropped before writing, with one warning
 * per flush that counts them by reason: a time more than 25 hours in the past
 * or more than 5 minutes in the future (the API's write window), and a time not
 * after the newest point this sink already wrote to its series (the API takes
 * each series' points in order only; of two points of a series at the same
 * time the first published is kept). Window points are stamped with the
 * window's start, so windows that started over 25 hours ago never reach Cloud
 * Monitoring. Dropped points are not reported as unwritten: sent again they
 * would be rejected again.
 */
export class GcpMetricsSink implements MetricsSink, ProviderLifecycle {
  readonly type = gcpProvider;
  /** Cloud Monitoring takes no point more than 25 hours old: an outbox drops older ones instead of sending them. */
  readonly maxPointAgeMs = gcpLimits.maxPointAgeMs;
  /** The configured project, if any; otherwise the credentials' project is used. */
  readonly projectId: string | undefined;
  readonly #connection: GcpClientConnection<MetricServiceClient>;
  readonly #options: z.output<typeof gcpMetricsSinkOptionsSchema>;
  readonly #descriptors: MetricDescriptorRegistry;
  #projectId: Promise<string> | undefined;
  #pending: Prepared[] = [];
  #tail: Promise<void> = Promise.resolve();
  #shutdown: Promise<void> | undefined;
  readonly #types = new Map<string, string>();
  /** Per series, the end time (ms) of the newest point this sink wrote to it. */
  readonly #newestWritten = new Map<string, number>();
  readonly #now: () => number;
  readonly #warn: (message: string) => void;

  constructor(options: GcpMetricsSinkOptions = {}, dependencies: GcpMetricsSinkDependencies = {}) {
    this.#now = dependencies.now ?? Date.now;
    this.#warn = dependencies.warn ?? ((message) => process.emitWarning(message));
    const { clientOptions, ...rest } = options;
    this.#options = parseOptions(gcpMetricsSinkOptionsSchema, rest, 'gcp-monitoring sink');
    const o = this.#options;
    this.projectId = o.projectId;
    const gax = gaxClientOptions(service, ['CreateMetricDescriptor', 'GetMetricDescriptor', 'CreateTimeSeries'], { ...o, clientOptions });
    this.#connection = new GcpClientConnection(() => new MetricServiceClient(gax), o.timeoutMs);
    const endpoint = `${gax.servicePath ?? gax.apiEndpoint ?? 'monitoring.googleapis.com'}:${gax.port ?? 443}`;
    this.#descriptors = new MetricDescriptorRegistry(endpoint);
  }

  /**
   * Validates and queues points. Throws a ProviderError (operation `publish`)
   * naming the first bad point — a non-finite value, an unreadable timestamp, a
   * label value over 1024 characters, two dimensions that map to one label key —
   * and queues none of the call's points then.
   */
  async publish(points: readonly MetricPoint[]): Promise<void> {
    const prepared: Prepared[] = [];
    for (let i = 0; i < points.length; i++) prepared.push(this.#prepare(points[i], i));
    for (const p of prepared) this.#pending.push(p);
  }

  /**
   * Forgets the queue: the runtime took the undelivered points into its durable outbox, so the
   * shutdown's flush must not send them as well. What was written stays known (order of series).
   */
  discard(): void {
    this.#pending = [];
  }

  /** Writes every queued point; calls are serialised, so a flush never races an earlier one. */
  flush(): Promise<void> {
    const run = this.#tail.then(() => this.#write());
    this.#tail = run.catch(() => {});
    return run;
  }

  /**
   * Writes what is still queued, then closes the gRPC channel (even when that
   * last write fails, which it reports). Idempotent; the sink is not used afterwards.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.flush().finally(() => this.#connection.close());
    return this.#shutdown;
  }

  #prepare(point: MetricPoint, index: number): Prepared {
    const where = `points[${index}] (${String(point?.name)})`;
    const fail = (message: string) => new ProviderError(gcpProvider, 'publish', `${where}: ${message}`);
    if (typeof point?.name !== 'string' || point.name.length === 0) throw fail('the name is empty');
    if (typeof point.value !== 'number' || !Number.isFinite(point.value)) throw fail(`value ${String(point.value)} is not a finite number`);
    const ms = Date.parse(point.timestamp);
    if (Number.isNaN(ms)) throw fail(`timestamp "${String(point.timestamp)}" is not an ISO-8601 time`);
    try {
      monitoringUnit(point.unit);
    } catch (e) {
      throw fail((e as Error).message);
    }
    let type = this.#types.get(point.name);
    if (type === undefined) {
      try {
        type = metricType(point.name, this.#options.metricPrefix);
      } catch (e) {
        throw fail((e as Error).message);
      }
      this.#types.set(point.name, type);
    }
    const labels: Record<string, string> = {};
    const from: Record<string, string> = {};
    for (const [dimension, value] of Object.entries(point.dimensions ?? {})) {
      const key = labelKey(dimension);
      if (from[key] !== undefined) throw fail(`dimensions "${from[key]}" and "${dimension}" both map to label ${key}`);
      if (typeof value !== 'string') throw fail(`dimension "${dimension}" is not a string`);
      if (value.length > gcpLimits.labelValueLength)
        throw fail(`dimension "${dimension}" is longer than ${gcpLimits.labelValueLength} characters`);
      from[key] = dimension;
      labels[key] = value;
    }
    const keys = Object.keys(labels).sort();
    if (keys.length > gcpLimits.labelsPerDescriptor) throw fail(`${keys.length} dimensions (max ${gcpLimits.labelsPerDescriptor})`);
    const series = `${type}\u0000${keys.map((k) => `${k}\u0001${labels[k]}`).join('\u0000')}`;
    const seconds = Math.floor(ms / 1000);
    return { point, type, labels, dimensionOf: from, series, seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
  }

  /**
   * Indices of the queued points Cloud Monitoring would take, in queue order; warns once,
   * counting the others by reason. Points a series already has (per this sink) or a point of
   * the same series at the same time earlier in the queue make a point out of order.
   */
  #writable(queued: readonly Prepared[]): number[] {
    const now = this.#now();
    const oldest = now - gcpLimits.maxPointAgeMs;
    const latest = now + gcpLimits.maxPointFutureMs;
    let tooOld = 0;
    let future = 0;
    let outOfOrder = 0;
    const inWindow: number[] = [];
    for (let i = 0; i < queued.length; i++) {
      const t = timeOf(queued[i]);
      if (t < oldest) tooOld++;
      else if (t > latest) future++;
      else inWindow.push(i);
    }
    // Per series, in time order (stable: the first published of equal times is kept).
    const order = [...inWindow].sort((a, b) => timeOf(queued[a]) - timeOf(queued[b]) || a - b);
    const newest = new Map<string, number>();
    const kept = new Set<number>();
    for (const i of order) {
      const q = queued[i];
      const t = timeOf(q);
      const before = newest.get(q.series) ?? this.#newestWritten.get(q.series);
      if (before !== undefined && t <= before) {
        outOfOrder++;
        continue;
      }
      newest.set(q.series, t);
      kept.add(i);
    }
    const dropped = tooOld + future + outOfOrder;
    if (dropped > 0) {
      const reasons = [
        tooOld > 0 ? `${tooOld} older than 25 hours (Cloud Monitoring takes no older point)` : '',
        future > 0 ? `${future} more than 5 minutes in the future` : '',
        outOfOrder > 0 ? `${outOfOrder} not newer than a point already written to their series (points must be written in order)` : '',
      ].filter((r) => r.length > 0);
      this.#warn(`${gcpProvider}: dropped ${dropped} of ${queued.length} point(s) Cloud Monitoring would reject: ${reasons.join('; ')}`);
    }
    return inWindow.filter((i) => kept.has(i));
  }

  /** Records that `q` was written: later points of its series must be newer. */
  #wrote(q: Prepared): void {
    this.#newestWritten.set(q.series, Math.max(this.#newestWritten.get(q.series) ?? Number.NEGATIVE_INFINITY, timeOf(q)));
  }

  async #write(): Promise<void> {
    const queued = this.#pending;
    this.#pending = [];
    if (queued.length === 0) return;
    const failed = new Uint8Array(queued.length);
    const failures: ProviderError[] = [];

    let client: MetricServiceClient;
    let projectId: string;
    try {
      // Authenticated first: with no credentials, the project lookup would fail with a less useful message.
      client = await this.#connection.ready();
      this.#projectId ??= resolveProjectId(this.#options.projectId, client);
      projectId = await this.#projectId;
    } catch (error) {
      this.#projectId = undefined;
      const e = error as ProviderError;
      const operation = e.operation ?? 'GetProjectId';
      const prefix = `${gcpProvider} ${operation}: `;
      const detail = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      throw new PointsNotWrittenError(
        operation,
        `${detail}; ${queued.length} points not written`,
        queued.map((p) => p.point),
        0,
        { cause: error },
      );
    }

    const kept = this.#writable(queued);
    // 2: dropped (neither written nor unwritten), 1: unwritten.
    if (kept.length < queued.length) {
      failed.fill(2);
      for (const i of kept) failed[i] = 0;
    }
    // Descriptors first: a series whose labels its descriptor lacks is rejected.
    const needs = new Map<string, { name: string; unit: string; labels: Map<string, string>; indices: number[] }>();
    for (const i of kept) {
      const q = queued[i];
      let need = needs.get(q.type);
      if (need === undefined) {
        need = { name: q.point.name, unit: monitoringUnit(q.point.unit), labels: new Map(), indices: [] };
        needs.set(q.type, need);
      }
      for (const [key, dimension] of Object.entries(q.dimensionOf)) {
        if (!need.labels.has(key)) need.labels.set(key, dimensionDescription(dimension));
      }
      need.indices.push(i);
    }
    const results = await Promise.allSettled(
      [...needs].map(([type, need]) =>
        this.#descriptors.ensure(client, projectId, { type, name: need.name, unit: need.unit, labels: need.labels }),
      ),
    );
    [...needs.values()].forEach((need, k) => {
      const r = results[k];
      if (r.status === 'fulfilled') return;
      failures.push(isProviderError(r.reason) ? r.reason : gcpProviderError('CreateMetricDescriptor', r.reason));
      for (const i of need.indices) failed[i] = 1;
    });

    const writable: number[] = [];
    for (let i = 0; i < queued.length; i++) if (failed[i] === 0) writable.push(i);
    const times = new Float64Array(writable.length);
    for (let j = 0; j < writable.length; j++) times[j] = timeOf(queued[writable[j]]);
    const batches = planWriteBatches(
      writable.map((i) => queued[i].series),
      times,
      gcpLimits.seriesPerRequest,
    );
    const resource = monitoredResource(this.#options.resource, projectId);
    let stopped = false;
    let late = 0;
    for (const batch of batches) {
      const indices = batch.map((j) => writable[j]);
      if (stopped) {
        for (const i of indices) failed[i] = 1;
        continue;
      }
      const timeSeries: protos.google.monitoring.v3.ITimeSeries[] = indices.map((i) => {
        const q = queued[i];
        return {
          metric: { type: q.type, labels: q.labels },
          resource,
          metricKind: 'GAUGE',
          valueType: 'DOUBLE',
          points: [{ interval: { endTime: { seconds: q.seconds, nanos: q.nanos } }, value: { doubleValue: q.point.value } }],
        };
      });
      const name = `projects/${projectId}`;
      try {
        await client.createTimeSeries({ name, timeSeries });
        for (const i of indices) this.#wrote(queued[i]);
      } catch (error) {
        if (!isOrderRejection(error)) {
          for (const i of indices) failed[i] = 1;
          failures.push(gcpProviderError('CreateTimeSeries', error));
          // A rejected request says nothing about the others; an outage or a permission problem does.
          if (grpcStatusName(error) !== 'INVALID_ARGUMENT') stopped = true;
          continue;
        }
        // A series already has a point as new (an earlier run or another process wrote it): the
        // service rejects that series and writes the others of the request (the local server
        // rejects the whole request). Sent one by one, each point is written or found to be late.
        for (let k = 0; k < indices.length; k++) {
          const i = indices[k];
          if (stopped) {
            failed[i] = 1;
            continue;
          }
          try {
            if (indices.length > 1) await client.createTimeSeries({ name, timeSeries: [timeSeries[k]] });
            else throw error;
            this.#wrote(queued[i]);
          } catch (one) {
            if (isOrderRejection(one)) {
              failed[i] = 2;
              late++;
              continue;
            }
            failed[i] = 1;
            failures.push(gcpProviderError('CreateTimeSeries', one));
            if (grpcStatusName(one) !== 'INVALID_ARGUMENT') stopped = true;
          }
        }
      }
    }
    if (late > 0)
      this.#warn(
        `${gcpProvider}: ${late} point(s) not written: their series already hold a point as new or newer (written by an earlier run or another process; points must be written in order)`,
      );

    if (failures.length === 0) return;
    const unwritten = queued.filter((_, i) => failed[i] === 1).map((q) => q.point);
    let written = 0;
    for (let i = 0; i < queued.length; i++) if (failed[i] === 0) written++;
    const first = failures[0];
    const more = failures.length > 1 ? ` (and ${failures.length - 1} more failed calls)` : '';
    const detail = first.message.slice(`${gcpProvider} ${first.operation}: `.length);
    throw new PointsNotWrittenError(
      first.operation,
      `${detail}${more}; ${unwritten.length} of ${queued.length} points not written`,
      unwritten,
      written,
      { cause: failures.length === 1 ? first : new AggregateError(failures) },
    );
  }
}

/**
 * Whether Cloud Monitoring rejected a write because a point is late: not after its series'
 * newest point ("Points must be written in order…"), or past the 25-hour window.
 */
function isOrderRejection(error: unknown): boolean {
  if (grpcStatusName(error) !== 'INVALID_ARGUMENT') return false;
  const message = (error as Error)?.message ?? '';
  return /written in order|more than 25 ?h(ours)? in the past/i.test(message);
}

/** A prepared point's end time, in ms since the epoch. */
function timeOf(q: Prepared): number {
  return q.seconds * 1e3 + q.nanos / 1e6;
}
