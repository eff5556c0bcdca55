import { readFileSync } from 'node:fs';
import type { CategoricalBars } from '../categoricalBars.js';
import type { NumericHistogram } from '../numericHistogram.js';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';

/** The JSON written by scripts/reference/gen_report_binning.py. */
export interface ReportBinningFixture {
  numeric: { name: string; bins: number; reference: Encoded[]; current: Encoded[]; expected: NumericHistogram }[];
  categorical: {
    name: string;
    topK: number;
    refCodes: number[];
    refDict: string[];
    curCodes: number[];
    curDict: string[];
    expected: CategoricalBars;
  }[];
}

export function loadFixture(): ReportBinningFixture {
  return JSON.parse(readFileSync(new URL('./report_binning.json', import.meta.url), 'utf8'));
}

/** The fixture's values as a Float64Array, non-finite numbers decoded from their string form. */
export function decode(values: Encoded[]): Float64Array {
  return Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number(v)));
}
