import { createBuilder } from '../columns/createBuilder.js';
import { type DataReadOptions, defaultChunkSize, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { ChunkedInput } from './ChunkedInput.js';
import type { ColumnsSetup, RecordParser } from './RecordParser.js';
import { withInput } from './SharedInput.js';

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
    names.map((name, i) => createBuilder(file, specs.get(name) ?? { name, kind: 'text' }, i + 1, maxInvalidSamples, options.maxCategories)),
  );
  return withInput(file, options.input, async ({ handle, size }) => {
    const chunkSize = options.chunkSize ?? defaultChunkSize;
    const input = new ChunkedInput(handle, file, size, chunkSize, options.onProgress, options.signal, options.syncReads);
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
    const columns = parser.finish();
    const blank = parser.firstBlankLine ?? 0;
    return { source: file, rowCount: parser.rowCount, columns, ...(blank > 0 ? { firstBlankLine: blank } : {}) };
  });
}
