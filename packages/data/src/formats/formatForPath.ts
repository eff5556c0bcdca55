import { statSync } from 'node:fs';
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
  const known = Object.keys(formatByExtension).join(', ');
  // Say what the path is when that, not its name, is the problem (a directory; a FIFO, whose bytes cannot be sniffed twice).
  const what = special(file);
  if (what === 'directory') throw inputError('INPUT_UNREADABLE', { file }, 'cannot read: is a directory, not a data file');
  if (what !== undefined) {
    throw inputError(
      'INPUT_UNREADABLE',
      { file },
      `cannot tell the format of a ${what} by its name${ext === '' ? ' (it has no extension)' : ` (extension "${ext}")`}: ` +
        `give it a name with one of ${known} (a symbolic link will do), or pass the format`,
    );
  }
  const from = ext === '' ? 'without a file extension' : `from the extension "${ext}"`;
  throw inputError('INPUT_UNREADABLE', { file }, `cannot tell the format ${from} (known: ${known}); rename the file or pass the format`);
}

/** `directory`, `FIFO (named pipe)` or `socket` for such a path; `undefined` for a regular file or one that cannot be read. */
function special(file: string): string | undefined {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return 'directory';
    if (stat.isFIFO()) return 'FIFO (named pipe)';
    if (stat.isSocket()) return 'socket';
  } catch {
    // Missing or not a local path (an S3 URI, a config not yet next to its data): the name is all there is.
  }
  return undefined;
}
