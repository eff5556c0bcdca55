import { type HeadOptions, sampleHead } from '../io/sampleHead.js';
import type { SampleTable } from '../schema/SampleTable.js';
import { JsonlParser } from './JsonlParser.js';

/**
 * Reads the first `sampleRows` objects of a JSON Lines file, values as text
 * (numbers and booleans spelled as JSON spells them), and stops.
 */
export function readJsonlHead(file: string, options: HeadOptions): Promise<SampleTable> {
  return sampleHead(file, options, (setup) => new JsonlParser(file, setup, false));
}
