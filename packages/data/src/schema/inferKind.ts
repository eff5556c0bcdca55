import type { ColumnKind } from '@driftwatch/core';
import { type InferKindOptions, KindSniffer } from './KindSniffer.js';

export type { InferKindOptions } from './KindSniffer.js';

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
  const sniffer = new KindSniffer(options);
  for (const v of values) sniffer.add(v);
  return sniffer.kind();
}
