import { KindBuilder } from '../columns/KindBuilder.js';
import type { SampleTable } from '../schema/SampleTable.js';
import { ChunkedInput } from './ChunkedInput.js';
import type { ColumnsSetup, RecordParser } from './RecordParser.js';
import { type SharedInput, withInput } from './SharedInput.js';

/** What {@link sampleHead} reads. */
export interface HeadOptions {
  readonly sampleRows: number;
  readonly chunkSize: number;
  /** Which columns need sample values, given the column names. None: only the names are read. */
  readonly wanted: (names: readonly string[]) => readonly boolean[];
  readonly signal?: AbortSignal;
  /** The file's shared handle (left open); default: open and close `file` here. */
  readonly input?: SharedInput;
}

/**
 * Reads the column names and the first `sampleRows` rows of a text file with the same parser (and
 * so the same errors) as the full read, and stops: the kind of each wanted column is inferred as the
 * rows are read ({@link KindBuilder}), without keeping the values.
 */
export async function sampleHead(
  file: string,
  options: HeadOptions,
  makeParser: (setup: ColumnsSetup) => RecordParser & { readonly names: readonly string[] },
): Promise<SampleTable> {
  return withInput(file, options.input, async ({ handle, size }) => {
    const input = new ChunkedInput(handle, file, size, Math.min(options.chunkSize, 1 << 18), undefined, options.signal);
    let builders: readonly (KindBuilder | undefined)[] = [];
    let anyWanted = false;
    const parser = makeParser((names) => {
      const wanted = options.wanted(names);
      anyWanted = wanted.some(Boolean);
      builders = names.map((name, i) => (wanted[i] ? new KindBuilder(name, i + 1, options.sampleRows) : undefined));
      return builders;
    });
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
    return { names: parser.names, values: builders.map(() => undefined), inferred: builders.map((b) => b?.inferred()) };
  });
}
