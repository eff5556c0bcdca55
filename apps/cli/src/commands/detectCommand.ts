import { getColumn, InputError, isDriftwatchError, UsageError } from '@driftwatch/core';
import { extensionFormat, scanCsvNumberColumn } from '@driftwatch/data';
import {
  describeRange,
  parseDetectorParams,
  type ReplayResult,
  replayBlock,
  replayStream,
  type StreamingDetectorEntry,
  type StreamingDetectorOptions,
  streamingDetector,
  streamingDetectors,
} from '@driftwatch/drift';
import { Command, Option } from 'commander';
import { toJson } from '../output/toJson.js';
import { writeStdout } from '../output/writeStdout.js';

const collect = (value: string, previous: string[]) => [...previous, value];

interface DetectFlags {
  detector: string;
  param: string[];
  input: string;
  column: string;
  format: 'table' | 'json';
  output?: string;
}

/** Version of the JSON shape `detect --format json` prints. */
export const detectReportSchemaVersion = 1;

function detectorHelp(): string {
  return Object.values(streamingDetectors)
    .map((d) => {
      const params = d.params.map((p) => `${p.name}=${String(p.default)} ${describeRange(p)}`).join(', ');
      return `  ${d.name.padEnd(13)}${d.title}\n  ${' '.repeat(13)}input: ${d.input}; params: ${params || 'none'}`;
    })
    .join('\n');
}

/** `driftwatch detect`: replays a column through a streaming drift detector. */
export function detectCommand(): Command {
  return new Command('detect')
    .summary('replay a stream of values through a streaming drift detector (ADWIN, DDM, …)')
    .description(
      "Feeds the values of one column, in file order, to a streaming detector with river's " +
        'parameters and semantics, and prints the 0-based positions of the values whose update ' +
        'raised a drift (and, for DDM, EDDM, HDDM, a warning). Detectors reset after a drift as river does.',
    )
    .requiredOption('-d, --detector <name>', `detector: ${Object.keys(streamingDetectors).join(', ')}`)
    .option('--param <name=value>', "detector parameter with river's name, e.g. delta=0.002 (repeatable)", collect, [])
    .requiredOption('-i, --input <file>', 'data: .csv, .tsv, .jsonl or .parquet')
    .requiredOption('--column <name>', 'the column to replay (numbers; 0/1 errors for ddm and eddm; [0, 1] for hddm_*)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-o, --output <file>', 'write the result to a file (atomically) instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch detect --detector adwin --input errors.csv --column abs_error
  driftwatch detect --detector ddm --param warning_threshold=2.5 --input preds.csv --column wrong --format json
  driftwatch detect --detector kswin --param alpha=0.001 --param seed=42 -i stream.jsonl --column x

Detectors:
${detectorHelp()}

A missing or non-numeric value stops the replay with an error naming its row, and so does an
empty line among a CSV's values (positions would shift if it were skipped). Exit status: 0 done,
2 bad input or usage, 3 other failure.`,
    )
    .action(async (flags: DetectFlags) => {
      const entry = streamingDetector(flags.detector);
      const params = parseDetectorParams(entry.name, flags.param);
      const replayed =
        replayPlainCsv(flags.input, flags.column, entry, params) ?? (await replayColumn(flags.input, flags.column, entry, params));
      const report = {
        schemaVersion: detectReportSchemaVersion,
        detector: entry.name,
        params: Object.fromEntries(entry.params.map((p) => [p.name, params[p.option] ?? p.default])),
        input: { source: flags.input, column: flags.column, values: replayed.values },
        drifts: replayed.result.drifts,
        warnings: replayed.result.warnings,
      };
      const text = flags.format === 'json' ? toJson(report) : formatDetect(report, entry.warnings);
      if (flags.output) {
        // Loaded only here: the common run prints to stdout and needs neither.
        const [{ writeAtomic }, { processRedactor }] = await Promise.all([
          import('../output/writeAtomic.js'),
          import('../output/processRedactor.js'),
        ]);
        await writeAtomic(flags.output, processRedactor().text(text));
      } else writeStdout(text);
    });
}

/** What a replay found and how many values it read. */
interface Replayed {
  readonly result: ReplayResult;
  readonly values: number;
}

/**
 * Replays the column of a plain CSV or TSV file of numbers while it is read, block by block (most
 * of a run on a large file, where the detectors take a few nanoseconds a value): no copy of the
 * file or of the column is held. `undefined` for anything else, which {@link replayColumn} reads
 * and reports on with a fresh detector (what this one saw is discarded). A value the detector
 * rejects stops the replay, but the rest of the file is still scanned, so that a file the general
 * reader would report on is reported by it, as when the whole column was read first.
 */
function replayPlainCsv(
  input: string,
  column: string,
  entry: StreamingDetectorEntry,
  params: StreamingDetectorOptions,
): Replayed | undefined {
  const format = extensionFormat(input);
  if (format !== 'csv' && format !== 'tsv') return undefined;
  const detector = entry.create(params);
  const result: ReplayResult = { drifts: [], warnings: [] };
  let rejected: unknown;
  let values = 0;
  const plain = scanCsvNumberColumn(input, column, format === 'tsv' ? 9 : 44, (block, count, firstRow) => {
    if (rejected === undefined) {
      try {
        replayBlock(detector, block, count, firstRow, result);
      } catch (error) {
        rejected = error;
      }
    }
    values = firstRow + count;
  });
  if (!plain) return undefined;
  if (rejected !== undefined) throw invalidValueError(rejected, input, column);
  return { result, values };
}

/** The column through the data layer every other command uses, replayed whole. */
async function replayColumn(
  input: string,
  column: string,
  entry: StreamingDetectorEntry,
  params: StreamingDetectorOptions,
): Promise<Replayed> {
  const values = await readColumn(input, column);
  try {
    return { result: replayStream(entry.create(params), values), values: values.length };
  } catch (error) {
    throw invalidValueError(error, input, column);
  }
}

/** A detector's rejection of `values[i]` restated with the file, the data row and the column; anything else as it is. */
function invalidValueError(error: unknown, input: string, column: string): unknown {
  const index = /values\[(\d+)\]/.exec((error as Error).message)?.[1];
  if (isDriftwatchError(error) && index !== undefined) {
    return new InputError(
      'INPUT_INVALID_VALUE',
      `${input}: data row ${Number(index) + 1} of column "${column}" (position ${index}): ${error.message.replace(/^values\[\d+\]: /, '')}`,
      {
        location: { file: input, field: column },
        cause: error,
      },
    );
  }
  return error;
}

/** The column through the data layer every other command uses: one open, only this column parsed, as numbers. */
async function readColumn(input: string, column: string): Promise<Float64Array> {
  const [{ dataSourceFactoryToken, readFrameSet }, { fileCommandContainer }] = await Promise.all([
    import('@driftwatch/runtime'),
    import('./fileCommandIo.js'),
  ]);
  const container = await fileCommandContainer(undefined);
  const { current: frame } = await readFrameSet(container.get(dataSourceFactoryToken), {
    current: { path: input },
    sourcePaths: { reference: '--reference', current: '--input' },
    kinds: { columns: [{ name: column, kind: 'numeric' }] },
    columns: [column],
    strict: true,
  });
  // The CSV reader skips blank lines as pandas does; in a one-column file such a line is a missing value,
  // and skipping it would shift every later position.
  const blank = (frame as { readonly firstBlankLine?: number }).firstBlankLine;
  if (blank !== undefined) {
    throw new InputError(
      'INPUT_INVALID_VALUE',
      `${input}:${blank}: an empty line among the values of "${column}": a missing value stops the replay ` +
        '(positions would shift if it were skipped); remove the line or write the value',
      { location: { file: input, line: blank, field: column } },
    );
  }
  const read = getColumn(frame, column);
  if (read?.kind !== 'numeric') throw new UsageError(`--column ${column} could not be read as numbers`);
  return read.values;
}

function formatDetect(
  r: { detector: string; input: { values: number; column: string }; drifts: number[]; warnings: number[] },
  warnings: boolean,
): string {
  const list = (xs: number[]) =>
    xs.length === 0 ? 'none' : xs.length > 50 ? `${xs.slice(0, 50).join(', ')}, … (${xs.length} in all)` : xs.join(', ');
  const lines = [`${r.detector} over ${r.input.values} values of ${r.input.column}`, `drifts at:   ${list(r.drifts)}`];
  if (warnings) lines.push(`warnings at: ${list(r.warnings)}`);
  return `${lines.join('\n')}\n`;
}
