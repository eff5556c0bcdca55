import type { ColumnKind } from '@driftwatch/core';
import { parseIsoDatetime } from '../datetime/parseIsoDatetime.js';
import { isMissingMarker } from '../missing/missingMarkers.js';
import { parseNumberText } from '../numbers/parseNumberText.js';

/** Thresholds of {@link inferKind}. */
export interface InferKindOptions {
  /** Most distinct values a categorical column may have. Default 1000. */
  readonly maxCategories?: number;
}

/**
 * The kind of a column from sample values (`null` or a missing marker is
 * missing), first rule that holds:
 * - `boolean`: every value is `true` or `false`, in any case;
 * - `numeric`: every value reads as a number (`inf` and `nan` spellings included);
 * - `datetime`: every value is an ISO-8601 date or date-time;
 * - `embedding`: every value is a non-empty JSON array of numbers, some not integers (a JSONL array, or a
 *   CSV field written as one; arrays of integers, such as tag ids, stay text);
 * - `categorical`: at most 1000 distinct values, and at most half as many
 *   distinct values as values (or fewer than 50 values);
 * - `text` otherwise.
 * A column with no value at all is `categorical` (it accepts anything later).
 */
export function inferKind(values: readonly (string | null)[], options: InferKindOptions = {}): ColumnKind {
  const maxCategories = options.maxCategories ?? 1000;
  let count = 0;
  let boolean = true;
  let numeric = true;
  let datetime = true;
  let vectors = true;
  let fractions = false;
  const distinct = new Set<string>();
  for (const v of values) {
    if (v === null || isMissingMarker(v)) continue;
    count++;
    if (boolean) {
      const t = v.toLowerCase();
      boolean = t === 'true' || t === 'false';
    }
    if (numeric) numeric = parseNumberText(v) !== undefined;
    if (datetime) datetime = !Number.isNaN(parseIsoDatetime(v));
    if (vectors) {
      const array = numberArray(v);
      vectors = array !== undefined;
      if (array !== undefined && !fractions) fractions = array.some((x) => !Number.isInteger(x));
    }
    if (distinct.size <= maxCategories) distinct.add(v);
  }
  if (count === 0) return 'categorical';
  if (boolean) return 'boolean';
  if (numeric) return 'numeric';
  if (datetime) return 'datetime';
  if (vectors && fractions) return 'embedding';
  if (distinct.size <= maxCategories && (distinct.size <= count / 2 || count < 50)) return 'categorical';
  return 'text';
}

/** `text` as a non-empty JSON array of numbers, or `undefined`. */
function numberArray(text: string): number[] | undefined {
  if (text.charCodeAt(0) !== 91 /* [ */) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
  } catch {
    return undefined;
  }
}
