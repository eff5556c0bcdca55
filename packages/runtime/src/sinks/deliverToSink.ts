import {
  formatDuration,
  type MetricPoint,
  type MetricsSink,
  metricPointKey,
  type RunStore,
  type SinkDelivery,
  type SinkOutbox,
} from '@driftwatch/core';
import type { Configured } from '../composition/tokens.js';
import { withDeadline } from '../plugins/withDeadline.js';
import type { SinkDeliveryOptions } from './SinkDeliveryOptions.js';

/** What {@link deliverToSink} did: the sink's delivery line, and why it failed when it did. */
export interface SinkDeliveryOutcome {
  readonly delivery: SinkDelivery;
  /** The failure (secrets redacted), when some points did not reach the sink. */
  readonly failure?: string;
}

/**
 * Publishes `points` to one sink, the points of its durable outbox first (at least once, in
 * timestamp order, deduplicated by run id; each reader deduplicates by `metricPointKey`):
 *
 * 1. Under the store's lock `outbox-<key>`, the outbox's pending points are read (those older than
 *    the sink or the outbox accepts, and the oldest beyond its size, are dropped with a warning).
 * 2. Pending then new points go to the sink in one publish and flush, bounded by the deadline.
 * 3. Delivered outbox points are removed; undelivered new points are added (a failure may name the
 *    undelivered points as `unpublished`; otherwise all count as undelivered), and the sink is told
 *    to `discard` its queue so the shutdown's flush does not send them twice.
 *
 * When another process holds the outbox's lock, only the new points are sent. A store without an
 * outbox loses undelivered points (counted as `lost`). Never throws for a sink's failure.
 */
export async function deliverToSink(
  sink: Configured<MetricsSink>,
  points: readonly MetricPoint[],
  store: RunStore | undefined,
  owner: string,
  options: SinkDeliveryOptions,
): Promise<SinkDeliveryOutcome> {
  return (await prepareSinkDelivery(sink, store, owner, options)).send(points);
}

/** A sink's delivery with its outbox read and locked: {@link PreparedSinkDelivery.send} must follow. */
export interface PreparedSinkDelivery {
  /** Sends the outbox's points then `points`, settles the outbox and releases its lock. Never throws. */
  send(points: readonly MetricPoint[]): Promise<SinkDeliveryOutcome>;
}

/**
 * The first half of {@link deliverToSink}: takes the outbox's lock and reads it. A run prepares
 * every sink first and then sends to all of them in one go, so each sink holds the run's points
 * from the same moment on (a SIGTERM's flush then writes them, as it would without outboxes).
 * A store that cannot be read is warned about, and the sink gets this run's points only.
 */
export async function prepareSinkDelivery(
  sink: Configured<MetricsSink>,
  store: RunStore | undefined,
  owner: string,
  options: SinkDeliveryOptions,
): Promise<PreparedSinkDelivery> {
  const { provider } = sink;
  const { type } = provider;
  const key = sink.key ?? outboxKeyOf(type, sink.path);
  const lock = `outbox-${key}`;
  const warn = (what: string, error: unknown) =>
    options.warn(`sink ${sink.path} (${type}): ${what}: ${options.redact((error as Error)?.message ?? String(error))}`);
  let outbox: SinkOutbox | undefined;
  let locked = false;
  let old: readonly MetricPoint[] = [];
  let dropped = 0;
  try {
    outbox = store?.outbox?.(key);
    locked = outbox !== undefined && store !== undefined && (await store.acquireLock(lock, owner, options.lockTtlMs));
    if (outbox !== undefined && !locked)
      options.warn(`sink ${sink.path} (${type}): another process is sending its outbox (lock "${lock}"); sending this run's points only`);
    if (locked && outbox) {
      const maxAgeMs = Math.min(options.maxAgeMs, provider.maxPointAgeMs ?? Number.POSITIVE_INFINITY);
      const read = await outbox.pending({ now: options.now(), maxAgeMs, maxPoints: options.maxPoints });
      old = read.points;
      dropped = read.dropped.tooOld + read.dropped.overflow;
      if (read.dropped.tooOld > 0)
        options.warn(
          `sink ${sink.path} (${type}): dropped ${read.dropped.tooOld} outbox point(s) older than ${formatDuration(maxAgeMs)}, which ${provider.maxPointAgeMs !== undefined && provider.maxPointAgeMs <= options.maxAgeMs ? `${type} no longer accepts` : 'the outbox keeps (providers.outbox.maxAge)'}`,
        );
      if (read.dropped.overflow > 0)
        options.warn(
          `sink ${sink.path} (${type}): dropped the ${read.dropped.overflow} oldest outbox point(s) beyond its ${options.maxPoints} (providers.outbox.maxPoints)`,
        );
    }
  } catch (error) {
    warn("cannot read its outbox; sending this run's points only", error);
    old = [];
    dropped = 0;
  }
  const release = async () => {
    if (!locked || !store) return;
    try {
      await store.releaseLock(lock, owner);
    } catch (error) {
      warn(`cannot release the lock "${lock}"`, error);
    }
  };

  return {
    async send(points) {
      try {
        const all = old.length > 0 ? [...old, ...points] : points;
        const { unsent, error } = await attempt(provider, all, sink.timeoutMs ?? options.timeoutMs);
        const unsentKeys = new Set(unsent.map(metricPointKey));
        const oldDelivered = old.filter((p) => !unsentKeys.has(metricPointKey(p)));
        const oldKeys = new Set(old.map(metricPointKey));
        const newUnsent = unsent.filter((p) => !oldKeys.has(metricPointKey(p)));
        let lost = 0;
        let storeError: string | undefined;
        try {
          if (locked && outbox) await outbox.settle(oldDelivered);
          if (newUnsent.length > 0) {
            if (outbox) await outbox.add(newUnsent);
            else lost = newUnsent.length;
          }
        } catch (e) {
          storeError = options.redact((e as Error)?.message ?? String(e));
          lost = newUnsent.length;
        }
        const pending = outbox ? unsent.length - lost : 0;
        const delivery: SinkDelivery = {
          sink: sink.path,
          type,
          sent: all.length - unsent.length,
          fromOutbox: oldDelivered.length,
          pending,
          dropped,
          lost,
        };
        if (error === undefined && storeError === undefined) return { delivery };
        const reasons = [
          ...(error !== undefined ? [options.redact(error)] : []),
          ...(storeError !== undefined ? [`its outbox could not be written (${storeError})`] : []),
        ];
        const kept = pending > 0 ? `; ${pending} point(s) kept in the outbox for the next run or "driftwatch sinks flush"` : '';
        return { delivery, failure: `${reasons.join('; ')}${kept}` };
      } finally {
        await release();
      }
    },
  };
}

/** One publish and flush of `points`, bounded by the deadline; what was not delivered, and why. */
async function attempt(
  sink: MetricsSink,
  points: readonly MetricPoint[],
  timeoutMs: number,
): Promise<{ unsent: readonly MetricPoint[]; error?: string }> {
  if (points.length === 0) return { unsent: [] };
  try {
    await withDeadline(
      async () => {
        await sink.publish(points);
        await sink.flush();
      },
      timeoutMs,
      `${sink.type} publish`,
    );
    return { unsent: [] };
  } catch (error) {
    const unpublished = (error as { unpublished?: unknown } | undefined)?.unpublished;
    const timedOut = (error as { timedOut?: unknown } | undefined)?.timedOut === true;
    try {
      sink.discard?.();
    } catch {
      // The points are in the outbox either way; a sink that cannot discard may send them twice.
    }
    return {
      unsent: !timedOut && Array.isArray(unpublished) ? (unpublished as MetricPoint[]) : points,
      error: (error as Error)?.message ?? String(error),
    };
  }
}

/** The outbox key of a sink without one: its type and config path. */
export function outboxKeyOf(type: string, configPath: string): string {
  return `${type}-${configPath}`.replace(/[^\w.-]+/g, '_');
}
