import { stat } from 'node:fs/promises';
import { scanCsvNumberColumn } from './scanCsvNumberColumn.js';

/** Files up to this size are read by {@link readCsvNumberColumn}; larger ones are left to the streaming reader. */
export const numberColumnFileLimit = 256 * 1024 * 1024;

/**
 * Reads one column of plain numbers from a CSV or TSV file into one array, for callers that need
 * a single column in file order: {@link scanCsvNumberColumn}'s blocks, collected. The values are
 * those {@link readCsv} gives the column read as numeric, bit for bit.
 *
 * It answers only for the plain file and otherwise returns `undefined`, so that the caller reads
 * the file with the general reader, which accepts more and reports what is wrong with the file's
 * line and column: what {@link scanCsvNumberColumn} leaves to it, and a file over
 * {@link numberColumnFileLimit}.
 *
 * @param delimiter the field separator's byte: 44 for CSV, 9 for TSV.
 */
export async function readCsvNumberColumn(file: string, column: string, delimiter: number): Promise<Float64Array | undefined> {
  try {
    if ((await stat(file)).size > numberColumnFileLimit) return undefined;
  } catch {
    return undefined;
  }
  let values = new Float64Array(1024);
  let rows = 0;
  const plain = scanCsvNumberColumn(file, column, delimiter, (block, count) => {
    if (rows + count > values.length) {
      const grown = new Float64Array(Math.max(values.length * 2, rows + count));
      grown.set(values.subarray(0, rows));
      values = grown;
    }
    values.set(block.subarray(0, count), rows);
    rows += count;
  });
  if (!plain) return undefined;
  return rows * 4 < values.length * 3 ? values.slice(0, rows) : values.subarray(0, rows);
}
