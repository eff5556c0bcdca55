import { createBuilder } from '../columns/createBuilder.js';
import { type DataReadOptions, defaultChunkSize, defaultMaxInvalidSamples } from '../DataReadOptions.js';
import { ChunkedInput } from '../io/ChunkedInput.js';
import { openInput } from '../io/openInput.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { JsonlParser } from './JsonlParser.js';

/**
 * Reads a JSON Lines file (one object per line) into a frame, streaming it
 * line by line. The keys of the first object are the columns; values are
 * numbers, strings, booleans or null (missing; an absent key too). Kinds,
 * missing values and the invalid-value policy are those of `readCsv`; JSON
 * numbers in a datetime column are epoch milliseconds.
 */
export async function readJsonl(file: string, options: DataReadOptions = {}): Promise<ReadFrame> {
  const schema = await inferSchemaFromFile(file, { ...options, format: 'jsonl' });
  const specs = new Map(schema.columns.map((c) => [c.name, c]));
  const maxInvalidSamples = options.maxInvalidSamples ?? defaultMaxInvalidSamples;
  const { handle, size } = await openInput(file);
  try {
    const input = new ChunkedInput(handle, file, size, options.chunkSize ?? defaultChunkSize, options.onProgress, options.signal);
    const parser = new JsonlParser(
      file,
      (names) => names.map((name, i) => createBuilder(file, specs.get(name) ?? { name, kind: 'text' }, i + 1, maxInvalidSamples)),
      options.strict ?? false,
    );
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
