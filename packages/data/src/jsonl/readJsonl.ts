import type { DataReadOptions } from '../DataReadOptions.js';
import { streamRecords } from '../io/streamRecords.js';
import type { ReadFrame } from '../ReadFrame.js';
import { JsonlParser } from './JsonlParser.js';

/**
 * Reads a JSON Lines file (one object per line) into a frame, streaming it
 * line by line. The keys of the first object are the columns; values are
 * numbers, strings, booleans or null (missing; an absent key too). Kinds,
 * missing values and the invalid-value policy are those of `readCsv`; JSON
 * numbers in a datetime column are epoch milliseconds.
 */
export async function readJsonl(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  return streamRecords(file, { ...options, format: 'jsonl' }, (setup) => new JsonlParser(file, setup, options.strict ?? false));
}
