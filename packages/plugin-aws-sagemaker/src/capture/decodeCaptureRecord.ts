import { type CellValue, cell, csvValue, type DecodedPayload, decodePayload, isObject } from './decodePayload.js';

/** One captured request or response, as SageMaker data capture writes it. */
export interface CapturePayload {
  readonly observedContentType?: string;
  readonly mode?: string;
  readonly data?: string;
  readonly encoding?: string;
}

/** A flat row: column name → number, string, boolean or null. */
export type CaptureRow = Record<string, CellValue>;

/** Column names of inputs and outputs without names of their own. */
export interface CaptureColumns {
  /** Names of CSV/array input fields, in order; `f<i>` beyond them. */
  readonly inputColumns?: readonly string[];
  /** Names of output fields, in order; `prediction_<i>` beyond them (default `['prediction']`). */
  readonly outputColumns?: readonly string[];
}

/** A decoded capture line: its rows and the event time. */
export interface DecodedCapture {
  readonly rows: CaptureRow[];
  /** `eventMetadata.eventId`, when present (every row's `event_id`). */
  readonly eventId?: string;
  /** `eventMetadata.inferenceTime` (ISO), when present. */
  readonly inferenceTime?: string;
}

/**
 * The rows of one data-capture line
 * (`{captureData:{endpointInput, endpointOutput}, eventMetadata:{eventId,
 * inferenceTime}, eventVersion}`). Payloads are CSV, JSON or BASE64 (then
 * read by `observedContentType`); a CSV payload holds a row per line, a JSON
 * one an object, an array of objects, `{instances:[…]}`, a `{features:[…]}`
 * vector or arrays of numbers. Outputs likewise, plus `{predictions:[…]}`
 * and a scalar per row. Inputs and outputs are joined row by row, and every
 * row gets `event_id` and `inference_time`. Throws a plain Error saying what
 * is wrong; the caller adds the object and line.
 */
export function decodeCaptureRecord(record: unknown, columns: CaptureColumns = {}): DecodedCapture {
  if (!isObject(record) || !isObject(record.captureData)) throw new Error('not a data-capture record (no captureData object)');
  const { endpointInput, endpointOutput } = record.captureData;
  const meta = isObject(record.eventMetadata) ? record.eventMetadata : {};
  const inputs = endpointInput === undefined ? [] : inputRows(decodePayload(endpointInput, 'endpointInput'), columns.inputColumns ?? []);
  const outputs =
    endpointOutput === undefined
      ? []
      : outputRows(decodePayload(endpointOutput, 'endpointOutput'), columns.outputColumns ?? ['prediction']);
  if (inputs.length > 0 && outputs.length > 0 && inputs.length !== outputs.length) {
    throw new Error(`endpointInput has ${inputs.length} rows but endpointOutput has ${outputs.length}`);
  }
  const count = Math.max(inputs.length, outputs.length);
  const eventId = typeof meta.eventId === 'string' ? meta.eventId : undefined;
  const inferenceTime = typeof meta.inferenceTime === 'string' ? meta.inferenceTime : undefined;
  const rows: CaptureRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({ ...inputs[i], ...outputs[i], event_id: eventId ?? null, inference_time: inferenceTime ?? null });
  }
  return { rows, eventId, inferenceTime };
}

function inputRows(decoded: DecodedPayload, names: readonly string[]): CaptureRow[] {
  const name = (i: number) => names[i] ?? `f${i}`;
  if (decoded.kind === 'csv') return decoded.rows.map((fields) => vectorRow(fields.map(csvValue), name));
  const v = decoded.value;
  if (Array.isArray(v)) return v.every(isScalar) ? [vectorRow(v, name)] : v.map((item) => inputItem(item, name));
  if (isObject(v) && Array.isArray(v.instances)) return v.instances.map((item) => inputItem(item, name));
  return [inputItem(v, name)];
}

function inputItem(item: unknown, name: (i: number) => string): CaptureRow {
  if (Array.isArray(item)) return vectorRow(item, name);
  if (isObject(item))
    return Array.isArray(item.features) && Object.keys(item).length === 1 ? vectorRow(item.features, name) : objectRow(item);
  return vectorRow([item], name);
}

function outputRows(decoded: DecodedPayload, names: readonly string[]): CaptureRow[] {
  const name = (i: number) => names[i] ?? `prediction_${i}`;
  if (decoded.kind === 'csv') return decoded.rows.map((fields) => vectorRow(fields.map(csvValue), name));
  const v = decoded.value;
  const items = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.predictions) ? v.predictions : [v];
  return items.map((item) => (isObject(item) ? objectRow(item) : vectorRow(Array.isArray(item) ? item : [item], name)));
}

function vectorRow(values: readonly unknown[], name: (i: number) => string): CaptureRow {
  const row: CaptureRow = {};
  values.forEach((value, i) => {
    row[name(i)] = cell(value);
  });
  return row;
}

function objectRow(object: Record<string, unknown>): CaptureRow {
  const row: CaptureRow = {};
  for (const [key, value] of Object.entries(object)) row[key] = cell(value);
  return row;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}
