import { extname } from 'node:path';
import type { DataFormat } from '../DataReadOptions.js';
import { inputError } from '../errors/inputError.js';

/** File extensions and the format each one means. */
export const formatByExtension: Readonly<Record<string, DataFormat>> = Object.freeze({
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.txt': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
});

/** The format of `file` by its extension (case-insensitive); an unknown one is `INPUT_UNREADABLE` listing the known ones. */
export function formatForPath(file: string): DataFormat {
  const ext = extname(file).toLowerCase();
  const format = formatByExtension[ext];
  if (format) return format;
  const known = Object.keys(formatByExtension).join(', ');
  const what = ext === '' ? 'no file extension' : `unknown file extension "${ext}"`;
  throw inputError('INPUT_UNREADABLE', { file }, `${what} (known: ${known}); name the format explicitly`);
}
