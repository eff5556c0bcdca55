import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  type ChunkedDriftReport,
  type ColumnKind,
  type ConstantColumns,
  columnKinds,
  constantColumnPolicies,
  type DriftDefaults,
  type DriftReport,
  driftDefaultSets,
  exitStatus,
  type MultipleTestingCorrection,
  type MultivariateMethod,
  multivariateMethods,
  UsageError,
} from '@driftwatch/core';
import { loadSchemaFile } from '@driftwatch/data';
import {
  type ChunkedCheckResult,
  checkServiceToken,
  chunkedCheckToken,
  defaultMemoryShare,
  mergeSchema,
  parseMemorySize,
} from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { formatChunkedMarkdown, formatChunkedTable } from '../output/formatChunkedTable.js';
import { formatDriftMarkdown, formatDriftTable } from '../output/formatDriftTable.js';
import { formatFalseAlarmHelp } from '../output/formatFalseAlarmHelp.js';
import { toJson } from '../output/toJson.js';
import { addChunkOptions, type ChunkFlags, chunkSpec } from './chunkFlags.js';
import { emitReport, fileCommandContainer } from './fileCommandIo.js';
import { parseDescriptors } from './parseDescriptors.js';
import { parseKeyed, parseList, parseNumberIn } from './parseKeyed.js';
import { progressReporter } from './progressReporter.js';

const collect = (value: string, previous: string[]) => [...previous, value];

interface CheckFlags extends ChunkFlags {
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

/** `driftwatch check`: per-column drift between a reference and a current dataset. */
export function checkCommand(setExitCode: (code: number) => void): Command {
  return addChunkOptions(
    new Command('check')
      .summary('compare a current dataset with a reference, column by column')
      .description(
        'Tests every shared column of CURRENT against REFERENCE with an exact statistical test or ' +
          "distance (chosen per column by Evidently's rules with calibrated tests, see --defaults, or named " +
          'with --method) and prints the verdict per column and for the dataset.',
      )
      .requiredOption('-r, --reference <file>', 'reference data: .csv, .tsv, .jsonl or .parquet')
      .requiredOption('-c, --current <file>', 'current data, same columns as the reference')
      .option('--columns <names>', 'test only these columns (comma-separated, repeatable)', collect, [])
      .option('--ignore <names>', 'skip these columns (comma-separated, repeatable)', collect, [])
      .option('-m, --method <spec>', 'method for all columns (ks) or one column (age=psi); repeatable', collect, [])
      .option('-t, --threshold <spec>', 'threshold for all columns (0.01) or one column (age=0.2); repeatable', collect, [])
      .option('--dataset-share <share>', 'share of drifted columns that makes the dataset drift', '0.5')
      .addOption(
        new Option('--correction <kind>', 'multiple-testing correction of p-value thresholds')
          .choices(['none', 'bonferroni', 'fdr'])
          .default('none'),
      )
      .addOption(
        new Option(
          '--defaults <set>',
          'rules that pick the method of a column without --method: calibrated (tests whose false-alarm rate ' +
            "matches their threshold) or evidently (Evidently's exact choices and verdicts)",
        )
          .choices(driftDefaultSets)
          .default('calibrated'),
      )
      .addOption(
        new Option(
          '--constant-columns <policy>',
          'a column of one value on both sides: count (tested, no drift, p = 1, as Evidently) or skip (left out of the dataset share)',
        )
          .choices(constantColumnPolicies)
          .default('count'),
      )
      .option(
        '--integer-categories <n>',
        "integer columns with at most N distinct reference values are tested as categories (Evidently's rule; 0: off)",
        '10',
      )
      .option(
        '--descriptor <spec>',
        'a text column descriptor (0/1 per row): COL:regex:NAME=PATTERN, COL:contains:NAME=a|b, COL:begins_with:NAME=PREFIX; repeatable',
        collect,
        [],
      )
      .option('--schema <file>', 'JSON schema file overriding inferred column kinds')
      .option('-k, --kind <spec>', 'column kind, overriding inference and --schema: zip=categorical (repeatable)', collect, [])
      .option(
        '--embedding <name=prefix>',
        'read the numeric columns PREFIX0 … PREFIXn as one embedding column NAME: emb=emb_ (repeatable)',
        collect,
        [],
      )
      .option('--strict', 'fail on a value that cannot be read as its column kind (default: count it as missing)')
      .option('--delimiter <char>', 'CSV field delimiter (default "," and tab for .tsv)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'html']).default('table'))
      .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
      .option('--metrics-out <file.jsonl>', 'append one metric point per column and method to a JSON Lines file')
      .option('--seed <n>', 'seed of the permutation tests (tvd, empirical_mmd)', '0')
      .option(
        '--max-memory <size>',
        'memory for the data (400MB, 2GB, 25% of RAM); over it, numeric columns are summarised while reading (default 25% of RAM)',
      )
      .option(
        '--threads <n>',
        'threads: 1 does all the work on one thread; 2 or more read the current side on a second thread and share a large KS p-value with one (default: $DRIFTWATCH_THREADS, else the cores)',
      ),
    'compare the current data',
  )
    .addOption(
      new Option(
        '--multivariate <method>',
        'with chunks: also score the tested columns together per chunk, by PCA reconstruction error (NannyML) or a domain classifier',
      ).choices(multivariateMethods),
    )
    .option('--reference-chunks', 'also chunk the reference, giving each column the band mean ± 3·std of its scores')
    .option(
      '--chunk-dimension',
      "with chunks: give each chunk's metric points a chunk dimension, at the run's time (one metric per chunk in CloudWatch)",
    )
    .option('--fail-on-drift', 'exit with status 1 when the dataset drifts (with chunks: when any chunk drifts)')
    .option('--no-color', 'never colour the table')
    .addHelpText(
      'after',
      () => `
Examples:
  driftwatch check -r train.csv -c today.csv
  driftwatch check -r ref.parquet -c cur.parquet --method ks --method city=chisquare --format json
  driftwatch check -r ref.csv -c cur.csv --threshold 0.01 --correction fdr --fail-on-drift
  driftwatch check -r ref.csv -c cur.csv --period week --timestamp ts --reference-chunks --fail-on-drift
  driftwatch check -r ref.csv -c cur.csv --window 5000 --incomplete merge --format json
  driftwatch check -r ref.csv -c cur.csv --window 1000 --multivariate reconstruction
  driftwatch check -r ref.csv -c huge.csv --max-memory 400MB

Memory: --max-memory (default 25% of RAM) bounds the data a check holds. When the tested
columns of two CSV, TSV or JSON Lines files would need more (8 bytes a number, both sides),
numeric columns are summarised while reading, in two passes: psi, kl_div, jensenshannon and
hellinger count the same bins (path "histogram", identical results); ks and wasserstein use a
CDF histogram (path "sketch") and state a hard bound on the statistic's error. Other methods
need every value and stop with status 2. Categorical columns stay exact (4 bytes a row).
Parquet, --format html and chunked checks (--window, --chunks, --period) read whole.

Threads: with --threads 2 or more (the default on a machine with 2 cores or more) the
current side is parsed on a worker thread while the main thread parses the reference, and
each sorts its own numeric columns; the arrays move between threads without a copy. Files
under 16 MiB, Parquet and chunked checks are read on one thread. A KS p-value of samples
of ~100 000 rows or more (scipy's exact Smirnov sum, O(n) powers) shares that sum with a
second thread. --threads 1 (or DRIFTWATCH_THREADS=1) keeps all the work on one thread:
the single-core figure; the results are the same.

Chunks: --window N, --chunks N or --period hour|day|week|month with --timestamp COL
compare each chunk of CURRENT with the whole REFERENCE and add per-chunk data quality
(missing, unseen categories, values outside the reference range). Weeks are ISO weeks
(Monday first, keys like 2026-W05); rows without a timestamp are left out and counted.
With --metrics-out each chunk's figures are points of one time series per figure, stamped
with the chunk's start and a window dimension (week, 1000-rows, 10-windows);
--chunk-dimension gives them a chunk dimension instead (one metric per chunk).
--multivariate reconstruction|classifier also scores the tested columns together per chunk
(NannyML's PCA reconstruction error, or a domain classifier's ROC AUC), with thresholds.

Text columns: tested by content drift (a domain classifier over TF-IDF, Evidently's) and each
descriptor (length, words, sentences, non-letter, OOV and upper-case shares, --descriptor ones)
like a numeric column; the words that separate the sides are listed.

Methods (default threshold, drift when):
  numeric:      ks, ks_permutation (0.05, p ≤ t)  t_test (0.05, p < t)  mannw (0.05, p < t)
                anderson (0.1, p < t)  cramer_von_mises (0.1, p ≤ t)  epps_singleton (0.05, p < t)
                ed (0.1, d > t)  wasserstein (0.1, d ≥ t)  empirical_mmd (0.1, p < t)
  both:         psi, kl_div, jensenshannon, hellinger (0.1, d ≥ t)
  categorical:  chi2_contingency, chi2_permutation, g_contingency, chisquare, g_test (0.05, p < t)
                l_infinity (0.1, d ≥ t)  tvd (0.1, p < t)
  binary:       z (0.05, p < t)  fisher_exact (0.1, p < t)

Defaults: without --method, each column gets a method by its kind and size, n = reference rows.
  --defaults calibrated (the default): Evidently's rules with calibrated small-sample tests:
    numeric, n ≤ 1000: ks (ks_permutation when values repeat: ks's p-value assumes no ties);
      2 distinct values: z; 3-5: as categorical
    categorical, n ≤ 1000: z (2 categories), else chi2_contingency, the two-sample test of
      homogeneity (chi2_permutation when an expected count is too small for its approximation)
    n > 1000: wasserstein (numeric), jensenshannon (categorical, or numeric with ≤ 5 values)
  --defaults evidently: Evidently's exact choices (chisquare, ks on ties) for the same verdicts.
  The report records the set used (dataset.defaults).
  In both, as Evidently: a numeric column of integers (none missing) with at most 10 distinct
  values in the reference is tested as categories (--integer-categories; "testedAs" in JSON),
  and a column of one value on both sides counts as tested without drift (--constant-columns).

False alarms: the share of columns a method flags when nothing changed (reference and current
drawn from one distribution), measured per method and sample size in packages/drift/CALIBRATION.md
(1000 columns per figure). A test at threshold 0.05 should flag about 5%; a higher rate means
alarms that are noise, a lower one a test that misses drift. Rows per side (equal sizes):
${formatFalseAlarmHelp()}

Exit status: 0 done, 1 drift found with --fail-on-drift, 2 bad input or usage,
3 other failure, 4 a metrics sink failed.`,
    )
    .action(async (flags: CheckFlags, command: Command) => {
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
          threads: parseThreads(flags.threads),
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
    });
}

/** `textDescriptors` of the drift options from `--descriptor` flags, or nothing. */
function descriptorOption(specs: readonly string[]): { textDescriptors?: NonNullable<ReturnType<typeof parseDescriptors>> } {
  const parsed = parseDescriptors(specs);
  return parsed === undefined ? {} : { textDescriptors: parsed };
}

/**
 * `--threads`, else `DRIFTWATCH_THREADS`, else the cores this process may use
 * (`os.availableParallelism()`): a whole number from 1.
 */
export function parseThreads(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [name, text] =
    flag !== undefined
      ? ['--threads', flag]
      : env.DRIFTWATCH_THREADS
        ? ['DRIFTWATCH_THREADS', env.DRIFTWATCH_THREADS]
        : [undefined, undefined];
  if (name === undefined || text === undefined) return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new UsageError(`${name} "${text}" must be a whole number from 1 to 1024 (1: one thread; 2: read the two sides at once)`);
  return n;
}

/**
 * Bytes of `--max-memory` (see `parseMemorySize`: 400MB, 2GB, 25% of the machine's memory or a
 * container's limit when lower). Default 25% of it.
 */
export function parseMemory(text: string | undefined): number {
  const parsed = parseMemorySize(text ?? defaultMemoryShare);
  if ('problem' in parsed) throw new UsageError(`--max-memory ${parsed.problem}`);
  return parsed.bytes;
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
