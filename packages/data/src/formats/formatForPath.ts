import { extname } from 'node:path';
import type { DataFormat } from '../DataReadOptions.js';
import { inputError } from '../errors/inputError.js';

/**
 * File extensions (lower case, with the dot) and the format each one means: the one map every
 * reader, the runtime's source types and the plugins go by. `.txt` is CSV; `.tab` is TSV; `.pq`
 * is Parquet (as pandas and Spark name them).
 */
export const formatByExtension: Readonly<Record<string, DataFormat>> = Object.freeze({
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
});

/** The format of `file` by its extension (case-insensitive), or `undefined` when the extension is not in {@link formatByExtension}. */
export function extensionFormat(file: string): DataFormat | undefined {
  const ext = extname(file).toLowerCase();
  return Object.hasOwn(formatByExtension, ext) ? formatByExtension[ext] : undefined;
}

/**
 * The format of `file` by its extension (case-insensitive). An unknown or missing extension is
 * `INPUT_UNREADABLE`, naming the file and listing the known extensions; the message ends with
 * "pass the format" (config loading turns that into the config field to set).
 */
export function formatForPath(file: string): DataFormat {
  const format = extensionFormat(file);
  if (format) return format;
  const ext = extname(file);
  const what = ext === '' ? 'without a file extension' : `from the extension "${ext}"`;
  const known = Object.keys(formatByExtension).join(', ');
  throw inputError('INPUT_UNREADABLE', { file }, `cannot tell the format ${what} (known: ${known}); rename the file or pass the format`);
}
