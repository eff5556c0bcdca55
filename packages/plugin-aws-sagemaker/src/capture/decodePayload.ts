import { splitCsvLine } from '@driftwatch/data';

/**
 * A payload decoded to text and parsed: CSV as the fields of each non-empty
 * line, JSON (or JSON Lines, as an array) as its value.
 */
export type DecodedPayload = { readonly kind: 'csv'; readonly rows: string[][] } | { readonly kind: 'json'; readonly value: unknown };

/**
 * Decodes one `{observedContentType, mode, data, encoding}` payload, as data
 * capture and ground-truth labels hold them. `encoding` `CSV` or `JSON`
 * (JSON Lines when the content type says `jsonlines`) is read as is;
 * `BASE64` is decoded and read by `observedContentType` (`csv`, `jsonlines`,
 * `json`), or by `defaultContentType` when the payload has none. Throws a
 * plain Error starting with `where`.
 */
export function decodePayload(payload: unknown, where: string, defaultContentType?: string): DecodedPayload {
  if (!isObject(payload) || typeof payload.data !== 'string') throw new Error(`${where} has no data string`);
  const encoding = String(payload.encoding ?? '').toUpperCase();
  const contentType = String(payload.observedContentType ?? defaultContentType ?? '').toLowerCase();
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
    try {
      return { kind: 'csv', rows: lines.map((line) => splitCsvLine(line)) };
    } catch (error) {
      throw new Error(`${where}: CSV data: ${(error as Error).message}`);
    }
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

/** A cell of a decoded row: number, string, boolean or null. */
export type CellValue = number | string | boolean | null;

/** A JSON value as a cell: nested arrays and objects are kept as their JSON text. */
export function cell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV field as a cell: numeric text as a number, empty as null, else the field as is. */
export function csvValue(field: string): number | string | null {
  const trimmed = field.trim();
  if (trimmed === '') return null;
  return numberPattern.test(trimmed) ? Number(trimmed) : field;
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
