import { normaliseEventTimes } from '../events/normaliseEventTimes.js';
import type { EventStore, IngestResult, StoredEvent } from '../ports/ServerStores.js';

interface MonitorEvents {
  /** Events oldest-appended first, with their timestamp in ms. */
  events: { t: number; event: Omit<StoredEvent, 'label'> }[];
  ids: Set<string>;
  labels: Map<string, { label: unknown; receivedAt: number }>;
  /** Idempotency keys (`events:` or `labels:` + key) with the time they were received. */
  keys: Map<string, number>;
}

/**
 * An {@link EventStore} in memory with the SQLite store's semantics, for tests: a batch is
 * checked whole before anything is kept; an event whose id is already stored for the monitor is
 * skipped; labels are kept by id (the latest wins) and joined on read, also when they arrived
 * before their event.
 */
export class InMemoryEventStore implements EventStore {
  readonly #monitors = new Map<string, MonitorEvents>();

  #of(monitor: string): MonitorEvents {
    let m = this.#monitors.get(monitor);
    if (!m) {
      m = { events: [], ids: new Set(), labels: new Map(), keys: new Map() };
      this.#monitors.set(monitor, m);
    }
    return m;
  }

  async appendEvents(monitor: string, events: readonly Omit<StoredEvent, 'label'>[], idempotencyKey?: string): Promise<IngestResult> {
    const m = this.#of(monitor);
    if (idempotencyKey !== undefined && m.keys.has(`events:${idempotencyKey}`)) return { stored: 0, duplicate: true };
    const checked = normaliseEventTimes(events);
    let stored = 0;
    for (const { t, event } of checked) {
      if (event.id !== undefined) {
        if (m.ids.has(event.id)) continue;
        m.ids.add(event.id);
      }
      m.events.push({ t, event: structuredClone(event) });
      stored++;
    }
    if (idempotencyKey !== undefined) m.keys.set(`events:${idempotencyKey}`, Date.now());
    return { stored, duplicate: false };
  }

  async appendLabels(
    monitor: string,
    labels: readonly { readonly id: string; readonly label: unknown }[],
    idempotencyKey?: string,
  ): Promise<IngestResult> {
    const m = this.#of(monitor);
    if (idempotencyKey !== undefined && m.keys.has(`labels:${idempotencyKey}`)) return { stored: 0, duplicate: true };
    for (const [i, l] of labels.entries()) {
      if (typeof l.id !== 'string' || l.id === '') throw new TypeError(`label ${i}: id must be a non-empty string`);
    }
    const now = Date.now();
    for (const l of labels) m.labels.set(l.id, { label: structuredClone(l.label), receivedAt: now });
    if (idempotencyKey !== undefined) m.keys.set(`labels:${idempotencyKey}`, now);
    return { stored: labels.length, duplicate: false };
  }

  async read(monitor: string, range: { readonly from: string; readonly to: string }): Promise<StoredEvent[]> {
    const m = this.#monitors.get(monitor);
    if (!m) return [];
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    return m.events
      .filter(({ t }) => t >= from && t < to)
      .sort((a, b) => a.t - b.t)
      .map(({ event }) => {
        const label = event.id === undefined ? undefined : m.labels.get(event.id);
        return structuredClone(label === undefined ? event : { ...event, label: label.label });
      });
  }

  async count(monitor: string): Promise<number> {
    return this.#monitors.get(monitor)?.events.length ?? 0;
  }

  async prune(monitor: string, before: string): Promise<number> {
    const m = this.#monitors.get(monitor);
    if (!m) return 0;
    const limit = Date.parse(before);
    const removed = m.events.filter(({ t }) => t < limit);
    m.events = m.events.filter(({ t }) => t >= limit);
    for (const { event } of removed) {
      if (event.id === undefined) continue;
      m.ids.delete(event.id);
      m.labels.delete(event.id);
    }
    // Labels still waiting for their event, and batch keys, go once they are as old as the pruned events.
    for (const [id, l] of m.labels) if (!m.ids.has(id) && l.receivedAt < limit) m.labels.delete(id);
    for (const [key, at] of m.keys) if (at < limit) m.keys.delete(key);
    return removed.length;
  }
}
