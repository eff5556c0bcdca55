import { constantColumnPolicies, driftDefaultSets, multivariateMethods } from '@driftwatch/core';
import { Command, Option } from 'commander';
import { formatFalseAlarmHelp } from '../output/formatFalseAlarmHelp.js';
import type { CheckFlags } from './checkAction.js';
import { addChunkOptions } from './chunkFlags.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `driftwatch check`: per-column drift between a reference and a current dataset. */
export function checkCommand(setExitCode: (code: number) => void): Command {
  // The check itself (the runtime's container, the drift methods, the readers, the renderers) is imported by
  // the action (checkAction.ts): `check --help` loads the options alone.
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
    .action(async (flags: CheckFlags, command: Command) => (await import('./checkAction.js')).runCheck(flags, command, setExitCode));
}
