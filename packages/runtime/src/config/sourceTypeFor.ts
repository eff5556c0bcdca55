import { extname } from 'node:path';
import { InputError } from '@driftwatch/core';

/** File extensions and the data-source type each one means. */
const extensionTypes: Readonly<Record<string, string>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The data-source type for a file name, from its extension. */
export function sourceTypeFor(path: string): string {
  const type = extensionTypes[extname(path).toLowerCase()];
  if (type === undefined) {
    throw new InputError(
      'INPUT_UNREADABLE',
      `${path}: cannot tell the format from the extension "${extname(path)}" (known: ${Object.keys(extensionTypes).join(', ')}); rename the file or pass the format`,
      {
        location: { file: path },
      },
    );
  }
  return type;
}
