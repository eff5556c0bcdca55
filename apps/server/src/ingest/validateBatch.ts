import type { ColumnKind, Schema, StoredEvent } from '@driftwatch/core';
import type { BatchIssue } from './BatchError.js';
import type { ParsedBatch } from './parseBatch.js';

type Check = (value: unknown) => string | undefined;

const describe = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
const isTime = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v))) || (typeof v === 'number' && Number.isFinite(v));

/** What each column kind accepts (null is always missing). */
const kindChecks: Readonly<Record<ColumnKind, Check>> = {
  numeric: (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `expected a number or null, got ${describe(v)}`),
  categorical: (v) =>
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
      ? undefined
      : `expected a string, number or boolean or null, got ${describe(v)}`,
  boolean: (v) => (typeof v === 'boolean' ? undefined : `expected true, false or null, got ${describe(v)}`),
  datetime: (v) => (isTime(v) ? undefined : `expected an ISO-8601 time, epoch milliseconds or null, got ${describe(v)}`),
  text: (v) => (typeof v === 'string' ? undefined : `expected a string or null, got ${describe(v)}`),
  embedding: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? undefined
      : `expected an array of numbers or null, got ${describe(v)}`,
};

const scalar: Check = (v) =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : `expected a string, number, boolean or null, got ${describe(v)}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The columns an event's `features` may carry, with their kinds: every column of the schema but the target, prediction and probabilities. */
export function featureKinds(schema: Schema): ReadonlyMap<string, ColumnKind> {
  const excluded = new Set(['target', 'prediction', 'probability']);
  return new Map(schema.columns.filter((c) => !excluded.has(c.role ?? 'feature')).map((c) => [c.name, c.kind]));
}

const eventKeys = new Set(['id', 'timestamp', 'features', 'prediction', 'probabilities']);

/**
 * Checks every event of a batch against the monitor's columns and turns them into stored events
 * (timestamps as ISO-8601, the receive time when absent); stops at the first bad record.
 */
export function validateEvents(
  batch: ParsedBatch,
  columns: ReadonlyMap<string, ColumnKind>,
  receivedAt: string,
): { readonly events: Omit<StoredEvent, 'label'>[] } | { readonly issue: BatchIssue } {
  const records = batch.records;
  const events: Omit<StoredEvent, 'label'>[] = new Array(records.length);
  // Checks run per record on the hot path of ingestion: plain loops, no closures or spreads per record.
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isObject(r))
      return issueAt(
        batch,
        i,
        undefined,
        `expected an object {features, prediction?, probabilities?, timestamp?, id?}, got ${describe(r)}`,
      );
    for (const key in r) if (!eventKeys.has(key)) return issueAt(batch, i, key, `unknown field (known: ${[...eventKeys].join(', ')})`);
    const { id, timestamp, features, prediction, probabilities } = r;
    if (id !== undefined && (typeof id !== 'string' || id === '') && !(typeof id === 'number' && Number.isFinite(id)))
      return issueAt(batch, i, 'id', `expected a non-empty string or a number, got ${describe(id)}`);
    if (timestamp !== undefined && !isTime(timestamp))
      return issueAt(batch, i, 'timestamp', `expected an ISO-8601 time or epoch milliseconds, got ${describe(timestamp)}`);
    if (!isObject(features)) return issueAt(batch, i, 'features', `expected an object of column values, got ${describe(features)}`);
    for (const name in features) {
      const kind = columns.get(name);
      if (kind === undefined)
        return issueAt(batch, i, `features.${name}`, `not a feature column of the monitor (columns: ${[...columns.keys()].join(', ')})`);
      const value = features[name];
      if (value === null) continue;
      const problem = kindChecks[kind](value);
      if (problem !== undefined) return issueAt(batch, i, `features.${name}`, problem);
    }
    if (prediction !== undefined) {
      const problem = scalar(prediction);
      if (problem !== undefined) return issueAt(batch, i, 'prediction', problem);
    }
    if (probabilities !== undefined) {
      const values = Array.isArray(probabilities) ? probabilities : isObject(probabilities) ? Object.values(probabilities) : undefined;
      if (values === undefined || !values.every((p) => typeof p === 'number' && p >= 0 && p <= 1))
        return issueAt(batch, i, 'probabilities', `expected numbers in [0, 1], as an array or by class, got ${describe(probabilities)}`);
    }
    const event: { -readonly [K in keyof Omit<StoredEvent, 'label'>]: Omit<StoredEvent, 'label'>[K] } = {
      timestamp:
        timestamp === undefined
          ? receivedAt
          : typeof timestamp === 'string' && isoUtc.test(timestamp)
            ? timestamp
            : new Date(typeof timestamp === 'number' ? timestamp : Date.parse(timestamp as string)).toISOString(),
      receivedAt,
      features,
    };
    if (id !== undefined) event.id = String(id);
    if (prediction !== undefined) event.prediction = prediction;
    if (probabilities !== undefined) event.probabilities = probabilities as StoredEvent['probabilities'] & object;
    events[i] = event;
  }
  return { events };
}

/** Already the stored form: `2026-03-01T00:00:01.000Z`. */
const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function issueAt(batch: ParsedBatch, index: number, field: string | undefined, message: string): { readonly issue: BatchIssue } {
  const line = batch.lines?.[index];
  return { issue: { index, ...(line !== undefined ? { line } : {}), ...(field !== undefined ? { field } : {}), message } };
}

/** Checks a batch of late labels `{id, label}`; stops at the first bad record. */
export function validateLabels(batch: ParsedBatch): { readonly labels: { id: string; label: unknown }[] } | { readonly issue: BatchIssue } {
  const labels: { id: string; label: unknown }[] = new Array(batch.records.length);
  for (let i = 0; i < batch.records.length; i++) {
    const r = batch.records[i];
    if (!isObject(r)) return issueAt(batch, i, undefined, `expected an object {id, label}, got ${describe(r)}`);
    for (const key in r) if (key !== 'id' && key !== 'label') return issueAt(batch, i, key, 'unknown field (known: id, label)');
    const { id, label } = r;
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))))
      return issueAt(batch, i, 'id', `expected a non-empty string or a number, got ${describe(id)}`);
    if (!('label' in r)) return issueAt(batch, i, 'label', 'required');
    const problem = scalar(label);
    if (problem !== undefined) return issueAt(batch, i, 'label', problem);
    labels[i] = { id: String(id), label };
  }
  return { labels };
}
