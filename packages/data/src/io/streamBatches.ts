import { createBuilder } from '../columns/createBuilder.js';
import { type DataReadOptions, defaultChunkSize, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { ChunkedInput } from './ChunkedInput.js';
import type { ColumnsSetup, RecordParser } from './RecordParser.js';
import { withInput } from './SharedInput.js';

/**
 * The read loop of `streamRecords`, in batches: the columns are handed to
 * `onBatch` each time at least `batchRows` rows are parsed (and at the end),
 * then the same builders are filled again, so memory stays at one batch
 * (about `batchRows` plus the rows of one chunk) whatever the file's size.
 * A batch's arrays are reused by the next one: `onBatch` must copy what it keeps.
 * Categorical codes keep one dictionary over the whole file (the batch's
 * `dictionary` is the one so far). Errors name the file's line, as the full read's do.
 *
 * @returns the rows read.
 */
export async function streamBatches(
  file: string,
  options: DataReadOptions & { readonly format: 'csv' | 'tsv' | 'jsonl' },
  makeParser: (setup: ColumnsSetup) => RecordParser,
  batchRows: number,
  onBatch: (batch: ReadFrame) => void,
): Promise<number> {
  const schema = await inferSchemaFromFile(file, options);
  const specs = new Map(schema.columns.map((c) => [c.name, c]));
  const maxInvalidSamples = options.maxInvalidSamples ?? defaultMaxInvalidSamples;
  // Batches hand out views of the builders' arrays, which the next batch refills (no copy a batch).
  const parser = makeParser((names) =>
    names.map((name, i) => {
      const builder = createBuilder(file, specs.get(name) ?? { name, kind: 'text' }, i + 1, maxInvalidSamples);
      if (builder) builder.views = true;
      return builder;
    }),
  );
  return withInput(file, options.input, async ({ handle, size }) => {
    const input = new ChunkedInput(handle, file, size, options.chunkSize ?? defaultChunkSize, options.onProgress, options.signal);
    let rows = 0;
    const emit = () => {
      const n = parser.rowCount;
      onBatch({ source: file, rowCount: n, columns: parser.finish() });
      rows += n;
      parser.rowCount = 0;
    };
    for (;;) {
      await input.fill();
      input.start = parser.parse(input.buf, input.start, input.limit, input.final);
      if (input.invalidUtf8At >= 0) throw parser.invalidUtf8(input.buf, input.start, input.invalidUtf8At);
      if (parser.rowCount >= batchRows || (input.eof && parser.rowCount > 0)) emit();
      if (input.eof) break;
    }
    // No rows at all: the full read's error (empty file, header only).
    if (rows === 0) parser.finish();
    return rows;
  });
}
