import { splitCsvLine } from './splitCsvLine.js';

/** One captured request or response, as SageMaker data capture writes it. */
export interface CapturePayload {
  readonly observedContentType?: string;
  readonly mode?: string;
  readonly data?: string;
  readonly encoding?: string;
}

/** A flat row: column name → number, string, boolean or null. */
export type CaptureRow = Record<string, number | string | boolean | null>;

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
  /** `eventMetadata.inferenceTime` (ISO), when present. */
  readonly inferenceTime?: string;
}

type Decoded = { readonly kind: 'csv'; readonly rows: string[][] } | { readonly kind: 'json'; readonly value: unknown };

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
  const eventId = typeof meta.eventId === 'string' ? meta.eventId : null;
  const inferenceTime = typeof meta.inferenceTime === 'string' ? meta.inferenceTime : undefined;
  const rows: CaptureRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push({ ...inputs[i], ...outputs[i], event_id: eventId, inference_time: inferenceTime ?? null });
  }
  return { rows, inferenceTime };
}

function decodePayload(payload: unknown, where: string): Decoded {
  if (!isObject(payload) || typeof payload.data !== 'string') throw new Error(`${where} has no data string`);
  const encoding = String(payload.encoding ?? '').toUpperCase();
  const contentType = String(payload.observedContentType ?? '').toLowerCase();
  let text = payload.data;
  let kind: 'csv' | 'json' | 'jsonlines';
  if (encoding === 'CSV') kind = 'csv';
  else if (encoding === 'JSON') kind = contentType.includes('jsonlines') ? 'jsonlines' : 'json';
  else if (encoding === 'BASE64') {
    text = Buffer.from(text, 'base64').toString('utf8');
    if (contentType.includes('csv')) kind = 'csv';
    else if (contentType.includes('jsonlines')) kind = 'jsonlines';
    else if (contentType.includes('json')) kind = 'json';
    else
      throw new Error(`${where}: cannot read BASE64 data of content type "${payload.observedContentType}" (text/csv or application/json)`);
  } else throw new Error(`${where}: unknown encoding "${payload.encoding}" (CSV, JSON or BASE64)`);
  if (kind === 'csv') {
    const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
    return { kind: 'csv', rows: lines.map(splitCsvLine) };
  }
  try {
    if (kind === 'jsonlines')
      return {
        kind: 'json',
        value: text
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l)),
      };
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    throw new Error(`${where}: data is not valid JSON (${(error as Error).message})`);
  }
}

function inputRows(decoded: Decoded, names: readonly string[]): CaptureRow[] {
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

function outputRows(decoded: Decoded, names: readonly string[]): CaptureRow[] {
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

/** A JSON value as a cell: nested arrays and objects are kept as their JSON text. */
function cell(value: unknown): number | string | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function csvValue(field: string): number | string | null {
  const trimmed = field.trim();
  if (trimmed === '') return null;
  return numberPattern.test(trimmed) ? Number(trimmed) : field;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
