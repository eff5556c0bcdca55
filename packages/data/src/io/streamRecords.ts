import type { ColumnBuilder } from '../columns/ColumnBuilder.js';
import { createBuilder } from '../columns/createBuilder.js';
import { type DataReadOptions, defaultChunkSize, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import type { ReadColumn, ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { ChunkedInput } from './ChunkedInput.js';
import { openInput } from './openInput.js';

/** Makes the column builders once the parser knows the column names, in file order (`undefined`: skip the column). */
export type ColumnsSetup = (names: readonly string[]) => readonly (ColumnBuilder | undefined)[];

/** A streaming parser of one text format (CSV, JSON Lines) into column builders. */
export interface RecordParser {
  readonly rowCount: number;
  /** Parses whole records of `buf[start, end)`; returns where the first incomplete one starts (`end` when `eof`). */
  parse(buf: Buffer, start: number, end: number, eof: boolean): number;
  /** The error for the invalid UTF-8 byte at `at`, located by line and column. */
  invalidUtf8(buf: Buffer, start: number, at: number): Error;
  /** Grows the column builders to hold `rows` rows. */
  reserve(rows: number): void;
  /** The built columns; throws when the file has no rows. */
  finish(): ReadColumn[];
}

/**
 * The read loop shared by the text formats: decide kinds from `options.schema`
 * and the file's head, stream the file in chunks (1 MiB by default) through
 * the parser, and size the columns once from the rows per byte of the first
 * thousand rows instead of doubling them to twice the need.
 */
export async function streamRecords(
  file: string,
  options: DataReadOptions & { readonly format: 'csv' | 'tsv' | 'jsonl' },
  makeParser: (setup: ColumnsSetup) => RecordParser,
): Promise<ReadFrame> {
  const schema = await inferSchemaFromFile(file, options);
  const specs = new Map(schema.columns.map((c) => [c.name, c]));
  const maxInvalidSamples = options.maxInvalidSamples ?? defaultMaxInvalidSamples;
  const parser = makeParser((names) =>
    names.map((name, i) => createBuilder(file, specs.get(name) ?? { name, kind: 'text' }, i + 1, maxInvalidSamples)),
  );
  const { handle, size } = await openInput(file);
  try {
    const input = new ChunkedInput(handle, file, size, options.chunkSize ?? defaultChunkSize, options.onProgress, options.signal);
    let estimated = false;
    for (;;) {
      await input.fill();
      input.start = parser.parse(input.buf, input.start, input.limit, input.final);
      if (input.invalidUtf8At >= 0) throw parser.invalidUtf8(input.buf, input.start, input.invalidUtf8At);
      if (input.eof) break;
      if (!estimated && parser.rowCount >= 1000) {
        estimated = true;
        const consumed = input.bytesRead - (input.end - input.start);
        parser.reserve(Math.ceil((parser.rowCount / consumed) * size * 1.02) + 1024);
      }
    }
    return { source: file, rowCount: parser.rowCount, columns: parser.finish() };
  } finally {
    await handle.close();
  }
}
