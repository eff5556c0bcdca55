import type { ColumnBuilder } from '../columns/ColumnBuilder.js';
import { TextBuilder } from '../columns/TextBuilder.js';
import { ChunkedInput } from '../io/ChunkedInput.js';
import { openInput } from '../io/openInput.js';
import type { SampleTable } from '../schema/SampleTable.js';
import { JsonlParser } from './JsonlParser.js';

/** What {@link readJsonlHead} reads. */
export interface JsonlHeadOptions {
  readonly sampleRows: number;
  readonly chunkSize: number;
  /** Which columns need sample values, given the first object's keys. */
  readonly wanted: (names: readonly string[]) => readonly boolean[];
  readonly signal?: AbortSignal;
}

/**
 * Reads the first `sampleRows` objects of a JSON Lines file, values as text
 * (numbers and booleans spelled as JSON spells them), and stops.
 */
export async function readJsonlHead(file: string, options: JsonlHeadOptions): Promise<SampleTable> {
  const { handle, size } = await openInput(file);
  try {
    const input = new ChunkedInput(handle, file, size, Math.min(options.chunkSize, 1 << 18), undefined, options.signal);
    let builders: readonly (ColumnBuilder | undefined)[] = [];
    let anyWanted = false;
    const parser = new JsonlParser(
      file,
      (names) => {
        const wanted = options.wanted(names);
        anyWanted = wanted.some(Boolean);
        builders = names.map((name, i) => (wanted[i] ? new TextBuilder(name, i + 1, 0) : undefined));
        return builders;
      },
      false,
    );
    for (;;) {
      await input.fill();
      input.start = parser.parse(input.buf, input.start, input.limit, input.final);
      if (input.invalidUtf8At >= 0) throw parser.invalidUtf8(input.buf, input.start, input.invalidUtf8At);
      if (parser.names.length > 0 && (!anyWanted || parser.rowCount >= options.sampleRows)) break;
      if (input.eof) {
        parser.finish();
        break;
      }
    }
    const rows = Math.min(parser.rowCount, options.sampleRows);
    return { names: parser.names, values: builders.map((b) => (b ? (b as TextBuilder).values.slice(0, rows) : undefined)) };
  } finally {
    await handle.close();
  }
}
