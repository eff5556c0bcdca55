import { resolve } from 'node:path';
import {
  type ChunkedDriftReport,
  type ColumnKind,
  type ConstantColumns,
  columnKinds,
  type DriftDefaults,
  type DriftReport,
  exitStatus,
  type MultipleTestingCorrection,
  type MultivariateMethod,
  UsageError,
} from '@driftwatch/core';
import { loadSchemaFile, startReadWorkerAhead } from '@driftwatch/data';
import { type ChunkedCheckResult, checkServiceToken, chunkedCheckToken, mergeSchema } from '@driftwatch/runtime';
import type { Command } from 'commander';
import pc from 'picocolors';
import { formatChunkedMarkdown, formatChunkedTable } from '../output/formatChunkedTable.js';
import { formatDriftMarkdown, formatDriftTable } from '../output/formatDriftTable.js';
import { toJson } from '../output/toJson.js';
import { type ChunkFlags, chunkSpec } from './chunkFlags.js';
import { emitReport, fileCommandContainer } from './fileCommandIo.js';
import { parseDescriptors } from './parseDescriptors.js';
import { parseKeyed, parseList, parseNumberIn } from './parseKeyed.js';
import { parseMemory } from './parseMemory.js';
import { parseThreads } from './parseThreads.js';
import { progressReporter } from './progressReporter.js';

/** The options of `check`, as commander parses them. */
export interface CheckFlags extends ChunkFlags {
  reference: string;
  current: string;
  columns: string[];
  ignore: string[];
  method: string[];
  threshold: string[];
  datasetShare?: string;
  correction: MultipleTestingCorrection;
  defaults: DriftDefaults;
  constantColumns: ConstantColumns;
  integerCategories: string;
  schema?: string;
  kind: string[];
  embedding: string[];
  format: 'table' | 'json' | 'markdown' | 'html';
  output?: string;
  failOnDrift?: boolean;
  strict?: boolean;
  delimiter?: string;
  metricsOut?: string;
  chunkDimension?: boolean;
  multivariate?: MultivariateMethod;
  descriptor: string[];
  seed: string;
  maxMemory?: string;
  threads?: string;
  color?: boolean;
}

/** Runs `driftwatch check` with its parsed options; `setExitCode` receives drift found (with --fail-on-drift) and provider failures. */
export async function runCheck(flags: CheckFlags, command: Command, setExitCode: (code: number) => void): Promise<void> {
  const verbose = Boolean(command.optsWithGlobals().verbose);
  const chunking = chunkSpec(flags);
  if (flags.multivariate !== undefined && chunking === undefined)
    throw new UsageError(
      '--multivariate needs chunks: --window N, --chunks N or --period P (it scores each chunk against reference chunks)',
    );
  const drift = {
    columns: parseList(flags.columns),
    ignore: parseList(flags.ignore),
    methods: parseKeyed('--method', flags.method, (m) => m),
    thresholds: parseKeyed('--threshold', flags.threshold, (t) => parseNumberIn('--threshold', t, 0, Number.MAX_VALUE)),
    datasetShare: parseNumberIn('--dataset-share', flags.datasetShare ?? '0.5', 0, 1),
    correction: flags.correction,
    defaults: flags.defaults,
    constantColumns: flags.constantColumns,
    integerCategories: parseNumberIn('--integer-categories', flags.integerCategories, 0, 2 ** 31 - 1),
    seed: parseNumberIn('--seed', flags.seed, 0, 2 ** 32 - 1),
    ...descriptorOption(flags.descriptor),
  };
  if (flags.delimiter !== undefined && [...flags.delimiter].length !== 1) {
    throw new UsageError(`--delimiter must be one character (got "${flags.delimiter}"); write --delimiter $'\\t' for tabs`);
  }
  const threads = parseThreads(flags.threads);
  // With two threads the current side is read on a thread of its own: started now, it loads the
  // reader while this one composes the run and reads the reference's head (the data source takes it).
  if (chunking === undefined && threads > 1) startReadWorkerAhead(resolve(flags.current));
  const container = await fileCommandContainer(flags.metricsOut);
  const kinds = parseKeyed('--kind', flags.kind, (k) => {
    if (!(columnKinds as readonly string[]).includes(k))
      throw new UsageError(`--kind "${k}" is not a column kind (kinds: ${columnKinds.join(', ')})`);
    return k as ColumnKind;
  });
  if ('*' in kinds) throw new UsageError('--kind needs a column: --kind zip=categorical');
  const embeddings = parseKeyed('--embedding', flags.embedding, (prefix) => {
    if (prefix === '') throw new UsageError('--embedding needs a column prefix: --embedding emb=emb_');
    return { prefix };
  });
  if ('*' in embeddings) throw new UsageError('--embedding needs a name and a prefix: --embedding emb=emb_');
  const fromFile = flags.schema ? await loadSchemaFile(resolve(flags.schema)) : undefined;
  const schema = mergeSchema(fromFile ?? { columns: [] }, { columns: Object.entries(kinds).map(([name, kind]) => ({ name, kind })) });
  const side = (path: string) => (flags.delimiter ? { path, delimiter: flags.delimiter } : { path });
  const progress = progressReporter();
  const color = flags.output === undefined && flags.color !== false && Boolean(process.stdout.isTTY);
  if (chunking !== undefined) {
    let chunked: ChunkedCheckResult;
    try {
      chunked = await container.get(chunkedCheckToken).check({
        reference: side(flags.reference),
        current: side(flags.current),
        schema,
        embeddings,
        strict: flags.strict,
        drift,
        chunking,
        referenceChunks: flags.referenceChunks,
        chunkDimension: flags.chunkDimension ?? false,
        ...(flags.multivariate === undefined ? {} : { multivariate: flags.multivariate }),
        keepFrames: flags.format === 'html',
        onProgress: progress.update,
      });
    } finally {
      progress.done();
    }
    const text =
      flags.format === 'html'
        ? // The HTML renderer is loaded only by the runs that print HTML.
          await import('@driftwatch/report').then((r) => r.renderHtml(r.chunkedDriftReportModel(chunked.report, chunked.frames)))
        : renderChunked(chunked.report, flags.format, color);
    await emitReport(text, flags.output, chunked.failedSinks);
    if (verbose) process.stderr.write(`published ${chunked.publishedPoints} metric points\n`);
    if (chunked.failedSinks.length > 0) setExitCode(exitStatus.provider);
    else if (flags.failOnDrift && chunked.report.summary.drifted) setExitCode(exitStatus.drift);
    return;
  }
  const service = container.get(checkServiceToken);
  let result: Awaited<ReturnType<typeof service.check>>;
  try {
    result = await service.check({
      reference: side(flags.reference),
      current: side(flags.current),
      schema,
      embeddings,
      strict: flags.strict,
      drift,
      keepFrames: flags.format === 'html',
      onProgress: progress.update,
      maxMemoryBytes: parseMemory(flags.maxMemory),
      threads,
    });
  } finally {
    progress.done();
  }
  const text =
    flags.format === 'html'
      ? await import('@driftwatch/report').then((r) => r.renderHtml(r.driftReportModel(result.report, result.frames)))
      : render(result.report, flags.format, color);
  await emitReport(text, flags.output, result.failedSinks);
  if (verbose) process.stderr.write(`published ${result.publishedPoints} metric points\n`);
  if (result.failedSinks.length > 0) setExitCode(exitStatus.provider);
  else if (flags.failOnDrift && result.report.dataset.drifted) setExitCode(exitStatus.drift);
}

/** `textDescriptors` of the drift options from `--descriptor` flags, or nothing. */
function descriptorOption(specs: readonly string[]): { textDescriptors?: NonNullable<ReturnType<typeof parseDescriptors>> } {
  const parsed = parseDescriptors(specs);
  return parsed === undefined ? {} : { textDescriptors: parsed };
}

function renderChunked(report: ChunkedDriftReport, format: Exclude<CheckFlags['format'], 'html'>, color: boolean): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'markdown':
      return formatChunkedMarkdown(report);
    default:
      return formatChunkedTable(report, pc.createColors(color));
  }
}

function render(report: DriftReport, format: Exclude<CheckFlags['format'], 'html'>, color: boolean): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'markdown':
      return formatDriftMarkdown(report);
    default:
      return formatDriftTable(report, pc.createColors(color));
  }
}
