import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DataSource,
  type EventStore,
  type Frame,
  InputError,
  type ReadOptions,
  type Schema,
  type StoredEvent,
} from '@driftwatch/core';
import { inferSchemaFromFile, readDataFile } from '@driftwatch/data';

/** Where {@link EventsDataSource} reads. */
export interface EventsWindow {
  readonly monitor: string;
  /** Length of the window ending now, ms. */
  readonly windowMs: number;
  /** Epoch ms now. */
  readonly now: () => number;
}

/** The column names an event's parts become (the monitor's `schema:` gives them their roles). */
export const eventColumns = {
  id: 'id',
  timestamp: 'timestamp',
  prediction: 'prediction',
  /** `proba_<class>` (object probabilities) or `proba_<index>` (a list). */
  probaPrefix: 'proba_',
  label: 'label',
} as const;

/**
 * The events a monitor was sent (`POST /api/v1/monitors/{monitor}/events`) in `[now - window,
 * now)` as a data source: one row per event, oldest first, with a column per feature, then `id`,
 * `timestamp`, `prediction`, `proba_<class>` and `label` (the late label joined by id) when any
 * event has them. The rows go through the JSON Lines reader, so kinds, missing values and bad
 * values read as they would from a `.jsonl` file with the same rows.
 */
export class EventsDataSource implements DataSource {
  readonly uri: string;
  readonly #events: EventStore;
  readonly #window: EventsWindow;
  #file: Promise<{ dir: string; file: string; rows: number }> | undefined;

  constructor(events: EventStore, window: EventsWindow) {
    this.#events = events;
    this.#window = window;
    this.uri = `events:${window.monitor}`;
  }

  async inferSchema(options?: { readonly sampleRows?: number }): Promise<Schema> {
    const { file } = await this.#rows();
    return inferSchemaFromFile(file, { format: 'jsonl', sampleRows: options?.sampleRows });
  }

  async read(options: ReadOptions = {}): Promise<Frame> {
    try {
      const { file } = await this.#rows();
      const frame = await readDataFile(file, {
        format: 'jsonl',
        schema: options.schema,
        strict: options.strict,
        onProgress: options.onProgress,
        signal: options.signal,
      });
      // Messages and reports name the events, not the temporary file they were read through.
      return { ...frame, source: this.uri };
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const pending = this.#file;
    this.#file = undefined;
    const written = await pending?.catch(() => undefined);
    if (written) await rm(written.dir, { recursive: true, force: true });
  }

  shutdown(): Promise<void> {
    return this.close();
  }

  /** The window's events as a JSON Lines file (every row with every column), written once per read. */
  #rows(): Promise<{ dir: string; file: string; rows: number }> {
    this.#file ??= (async () => {
      const to = this.#window.now();
      const from = to - this.#window.windowMs;
      const events = await this.#events.read(this.#window.monitor, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      if (events.length === 0) {
        throw new InputError(
          'INPUT_NO_ROWS',
          `${this.uri}: no events of monitor "${this.#window.monitor}" from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} (post them to /api/v1/monitors/${this.#window.monitor}/events)`,
          { location: { file: this.uri } },
        );
      }
      const dir = await mkdtemp(join(tmpdir(), 'dw-events-'));
      const file = join(dir, 'events.jsonl');
      await writeFile(file, toJsonLines(events));
      return { dir, file, rows: events.length };
    })();
    return this.#file;
  }
}

/** The events as JSON Lines with one set of columns: features in order of first appearance, then the event's own parts. */
export function toJsonLines(events: readonly StoredEvent[]): string {
  const features = new Set<string>();
  const probas = new Set<string>();
  let ids = false;
  let predictions = false;
  let labels = false;
  for (const e of events) {
    for (const k of Object.keys(e.features)) features.add(k);
    for (const k of Object.keys(e.probabilities ?? {})) probas.add(k);
    ids ||= e.id !== undefined;
    predictions ||= e.prediction !== undefined;
    labels ||= e.label !== undefined;
  }
  const own = new Set<string>([eventColumns.id, eventColumns.timestamp, eventColumns.prediction, eventColumns.label]);
  for (const f of features) {
    if (own.has(f) || f.startsWith(eventColumns.probaPrefix)) {
      throw new InputError(
        'INPUT_BAD_SCHEMA',
        `events: the feature "${f}" has the name of an event column (id, timestamp, prediction, label, proba_*)`,
        {
          location: { file: 'events', field: f },
        },
      );
    }
  }
  let out = '';
  for (const e of events) {
    const row: Record<string, unknown> = {};
    for (const f of features) row[f] = scalar(e.features[f]);
    if (ids) row[eventColumns.id] = e.id ?? null;
    row[eventColumns.timestamp] = e.timestamp;
    if (predictions) row[eventColumns.prediction] = scalar(e.prediction);
    const p = e.probabilities as Record<string, number> | undefined;
    for (const k of probas) row[`${eventColumns.probaPrefix}${k}`] = p?.[k] ?? null;
    if (labels) row[eventColumns.label] = scalar(e.label);
    out += `${JSON.stringify(row)}\n`;
  }
  return out;
}

/** A value a column can hold: an object becomes its JSON text; a list stays (an embedding column's vector). */
function scalar(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}
