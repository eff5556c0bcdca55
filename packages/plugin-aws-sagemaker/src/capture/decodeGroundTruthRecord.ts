import { type CellValue, cell, csvValue, decodePayload, isObject } from './decodePayload.js';

/** A decoded ground-truth line: the event it labels and its labels, in order. */
export interface DecodedGroundTruth {
  /** `eventMetadata.eventId`: the `eventId` of the data-capture record labelled. */
  readonly eventId: string;
  /** One label per row of the captured record, or one for all its rows. */
  readonly labels: CellValue[];
}

/**
 * The labels of one Model Monitor ground-truth line
 * (`{groundTruthData:{data, encoding}, eventMetadata:{eventId}, eventVersion}`).
 * `data` is decoded as a capture payload is (CSV, JSON, or BASE64 read by
 * `observedContentType`, CSV when there is none). CSV: a label per non-empty
 * line, one field each (numbers as numbers, empty as null). JSON: a scalar
 * is one label, an array a label per item; an object stands for the value
 * of its `targetColumn` key, or of its only key. Throws a plain Error saying
 * what is wrong; the caller adds the object and line.
 */
export function decodeGroundTruthRecord(record: unknown, targetColumn = 'label'): DecodedGroundTruth {
  if (!isObject(record) || !isObject(record.groundTruthData)) throw new Error('not a ground-truth record (no groundTruthData object)');
  const eventId = isObject(record.eventMetadata) ? record.eventMetadata.eventId : undefined;
  if (typeof eventId !== 'string' || eventId.length === 0) throw new Error('ground-truth record has no eventMetadata.eventId string');
  const decoded = decodePayload(record.groundTruthData, 'groundTruthData', 'text/csv');
  let labels: CellValue[];
  if (decoded.kind === 'csv') {
    labels = decoded.rows.map((fields, i) => {
      if (fields.length !== 1)
        throw new Error(`groundTruthData: CSV line ${i + 1} has ${fields.length} fields; a label is one field per line`);
      return csvValue(fields[0]!);
    });
  } else {
    const value = isObject(decoded.value) ? labelOfObject(decoded.value, targetColumn) : decoded.value;
    labels = Array.isArray(value) ? value.map((item) => cell(isObject(item) ? labelOfObject(item, targetColumn) : item)) : [cell(value)];
  }
  if (labels.length === 0) throw new Error('groundTruthData holds no label');
  return { eventId, labels };
}

function labelOfObject(object: Record<string, unknown>, targetColumn: string): unknown {
  if (Object.hasOwn(object, targetColumn)) return object[targetColumn];
  const keys = Object.keys(object);
  if (keys.length === 1) return object[keys[0]!];
  throw new Error(`groundTruthData: a JSON object label needs a "${targetColumn}" key (targetColumn) or a single key`);
}
