import { createBuilder } from '../columns/createBuilder.js';
import { type DataReadOptions, defaultChunkSize, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import { ChunkedInput } from '../io/ChunkedInput.js';
import { openInput } from '../io/openInput.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { CsvParser } from './CsvParser.js';
import { csvDelimiter } from './csvDelimiter.js';

/**
 * Reads a CSV (RFC 4180) or TSV file into a frame, streaming it in chunks
 * (1 MiB by default) straight into typed-array columns.
 *
 * Kinds come from `options.schema`, the rest inferred from the head of the
 * file ({@link inferSchemaFromFile}); columns whose role is `ignored` are
 * skipped. Missing values: empty fields and the `missingMarkers`. A value
 * that cannot be read as its column's kind is stored as missing and counted
 * in the column's `invalid` (with samples), or with `strict` is
 * `INPUT_INVALID_VALUE`. Malformed input throws an `InputError` naming the
 * file, line and column.
 *
 * `options.format` `tsv` (or a `.tsv` extension) makes a tab the default delimiter.
 */
export async function readCsv(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const tsv = options.format === 'tsv' || (options.format === undefined && file.toLowerCase().endsWith('.tsv'));
  const delimiter = csvDelimiter(options.delimiter, tsv);
  const schema = await inferSchemaFromFile(file, { ...options, format: tsv ? 'tsv' : 'csv' });
  const specs = new Map(schema.columns.map((c) => [c.name, c]));
  const maxInvalidSamples = options.maxInvalidSamples ?? defaultMaxInvalidSamples;
  const { handle, size } = await openInput(file);
  try {
    const input = new ChunkedInput(handle, file, size, options.chunkSize ?? defaultChunkSize, options.onProgress, options.signal);
    const parser = new CsvParser(
      file,
      delimiter,
      (names) => names.map((name, i) => createBuilder(file, specs.get(name) ?? { name, kind: 'text' }, i + 1, maxInvalidSamples)),
      options.strict ?? false,
    );
    let estimated = false;
    for (;;) {
      await input.fill();
      const { buf, limit } = input;
      const saved = buf[limit];
      buf[limit] = 10; // the parser's sentinel
      try {
        input.start = parser.parse(buf, input.start, limit, input.final);
      } finally {
        buf[limit] = saved;
      }
      if (input.invalidUtf8At >= 0) throw parser.invalidUtf8(buf, input.start, input.invalidUtf8At);
      if (input.eof) break;
      if (!estimated && parser.rowCount >= 1000) {
        // Size the columns once from the rows per byte so far, instead of doubling to twice the need.
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
