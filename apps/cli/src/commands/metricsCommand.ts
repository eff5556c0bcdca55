import { exitStatus, type PerformanceReport, UsageError } from '@driftwatch/core';
import { modelDataFromFrame, modelQualityStatistics, type Threshold } from '@driftwatch/metrics';
import { performanceReportModel, renderHtml } from '@driftwatch/report';
import { dataSourceFactoryToken, performanceServiceToken, readFrameSet } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { formatPerformanceMarkdown, formatPerformanceTable } from '../output/formatPerformance.js';
import { toJson } from '../output/toJson.js';
import { addChunkOptions, type ChunkFlags, chunkSpec } from './chunkFlags.js';
import { emitReport, fileCommandContainer } from './fileCommandIo.js';
import { addModelOptions, type ModelFlags, modelColumns } from './modelFlags.js';
import { parseKeyed, parseList, parseNumberIn } from './parseKeyed.js';

const collect = (value: string, previous: string[]) => [...previous, value];

interface MetricsFlags extends ModelFlags, ChunkFlags {
  data: string;
  reference?: string;
  metrics: string[];
  min: string[];
  max: string[];
  maxDrop: string[];
  stdK?: string;
  bootstrap: string;
  confidence: string;
  seed: string;
  format: 'table' | 'json' | 'markdown' | 'html' | 'sagemaker-monitor';
  output?: string;
  metricsOut?: string;
  failOnAlert?: boolean;
}

/** `driftwatch metrics`: realised model performance with labels, overall and per chunk. */
export function metricsCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('metrics')
    .summary("measure a model's performance on labelled data, overall and per time window")
    .description(
      'Computes classification or regression metrics (scikit-learn definitions) on DATA, with a ' +
        'bootstrap confidence interval; with a window, per chunk with a ±3·SE sampling-error band, ' +
        'thresholds and alerts. A --reference (labelled, e.g. the test set) gives the thresholds: ' +
        'mean ± 3·std of the metric over its chunks (NannyML), unless --min/--max/--max-drop set them.',
    )
    .requiredOption('-d, --data <file>', 'labelled data: .csv, .tsv, .jsonl or .parquet');
  addModelOptions(command);
  addChunkOptions(command, 'compute the metrics')
    .option('-r, --reference <file>', 'labelled reference data (same columns) for thresholds and sampling errors')
    .option('-m, --metrics <names>', 'metrics to compute, comma-separated (f1,roc_auc,fbeta:macro:beta=0.5); default by task', collect, [])
    .option('--min <spec>', 'alert when a metric falls below: f1=0.8 (repeatable)', collect, [])
    .option('--max <spec>', 'alert when a metric rises above: log_loss=0.5 (repeatable)', collect, [])
    .option('--max-drop <spec>', 'alert when a metric gets worse than the reference by more than: 0.05 or f1=0.05', collect, [])
    .option('--std-k <k>', 'width of the reference band in standard deviations (default 3)')
    .option('--bootstrap <n>', 'bootstrap resamples of the confidence interval (0: none)', '1000')
    .option('--confidence <level>', 'confidence level of the interval', '0.95')
    .option('--seed <n>', 'seed of the bootstrap', '0')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'markdown', 'html', 'sagemaker-monitor'])
        .default('table'),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--metrics-out <file.jsonl>', 'append the figures as metric points to a JSON Lines file')
    .option('--fail-on-alert', 'exit with status 1 when any chunk alerts')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch metrics -d scored.csv -y label -p predicted --proba score
  driftwatch metrics -d scored.csv -y label -p predicted --proba score --period week --timestamp ts -r test.csv
  driftwatch metrics -d preds.parquet -y price -p predicted_price --task regression --metrics mae,rmse,r2
  driftwatch metrics -d m.csv -y y -p pred --proba-prefix p_ --metrics f1:macro,roc_auc:weighted --format html -o perf.html
  driftwatch metrics -d scored.csv -y label -p predicted --proba score --format sagemaker-monitor -o statistics.json

Metrics: accuracy balanced_accuracy precision recall f1 fbeta specificity mcc cohen_kappa
  roc_auc average_precision log_loss brier (classification; :micro|:macro|:weighted for
  multiclass averages, fbeta:binary:beta=2) — mae mse rmse mape median_ae r2
  explained_variance max_error (regression). Undefined values (one class only, no predicted
  positives) print as "—" with the reason and are null in JSON.

Exit status: 0 done, 1 an alert with --fail-on-alert, 2 bad input or usage, 3 other failure,
4 a metrics sink failed.`,
    )
    .action(async (flags: MetricsFlags) => {
      const chunking = chunkSpec(flags);
      const thresholds = thresholdFlags(flags);
      if (chunking === undefined && Object.keys(thresholds).length > 0)
        throw new UsageError('--min, --max and --max-drop alert per chunk: add --window, --chunks or --period');
      const resamples = parseNumberIn('--bootstrap', flags.bootstrap, 0, 100_000);
      if (!Number.isInteger(resamples)) throw new UsageError(`--bootstrap "${flags.bootstrap}" must be a whole number`);
      const container = await fileCommandContainer(flags.metricsOut);
      if (flags.format === 'sagemaker-monitor') {
        // Model Monitor's model-quality statistics.json of the whole labelled data.
        if (chunking !== undefined || flags.reference !== undefined || flags.metricsOut !== undefined)
          throw new UsageError('--format sagemaker-monitor writes one statistics.json of --data: no windows, --reference or --metrics-out');
        const columns = modelColumns(flags);
        const { current } = await readFrameSet(container.get(dataSourceFactoryToken), {
          current: { path: flags.data },
          sourcePaths: { reference: '--reference', current: '--data' },
          model: columns,
        });
        const statistics = modelQualityStatistics(modelDataFromFrame(current, columns), {
          seed: parseNumberIn('--seed', flags.seed, 0, 2 ** 32 - 1),
          evaluationTime: new Date().toISOString(),
        });
        await emitReport(`${JSON.stringify(statistics, null, 2)}\n`, flags.output, []);
        return;
      }
      const { report, failedSinks } = await container.get(performanceServiceToken).evaluate({
        data: { path: flags.data },
        ...(flags.reference ? { reference: { path: flags.reference } } : {}),
        columns: modelColumns(flags),
        metrics: parseList(flags.metrics),
        ...(chunking ? { chunking } : {}),
        ...(Object.keys(thresholds).length > 0 ? { thresholds } : {}),
        resamples,
        level: parseNumberIn('--confidence', flags.confidence, 0.5, 0.999),
        seed: parseNumberIn('--seed', flags.seed, 0, 2 ** 32 - 1),
      });
      const text = render(report, flags.format);
      await emitReport(text, flags.output, failedSinks);
      if (failedSinks.length > 0) setExitCode(exitStatus.provider);
      else if (flags.failOnAlert && report.alerts.length > 0) setExitCode(exitStatus.drift);
    });
  return command;
}

function thresholdFlags(flags: MetricsFlags): Record<string, Threshold> {
  const out: Record<string, Threshold> = {};
  const number = (flag: string) => (t: string) => parseNumberIn(flag, t, -Number.MAX_VALUE, Number.MAX_VALUE);
  const min = parseKeyed('--min', flags.min, number('--min'));
  const max = parseKeyed('--max', flags.max, number('--max'));
  for (const key of new Set([...Object.keys(min), ...Object.keys(max)]))
    out[key] = { type: 'constant', lower: min[key] ?? null, upper: max[key] ?? null };
  const drop = parseKeyed('--max-drop', flags.maxDrop, (t) => parseNumberIn('--max-drop', t, 0, Number.MAX_VALUE));
  for (const [key, value] of Object.entries(drop)) {
    if (key in out)
      throw new UsageError(`--max-drop and --min/--max both set a threshold for ${key === '*' ? 'every metric' : key}; pick one`);
    out[key] = { type: 'maxDrop', drop: value };
  }
  if (flags.stdK !== undefined) {
    const k = parseNumberIn('--std-k', flags.stdK, 0, 100);
    if (!('*' in out)) out['*'] = { type: 'std', k };
  }
  if (Object.values(out).some((t) => t.type === 'maxDrop') && flags.reference === undefined) {
    throw new UsageError('--max-drop compares with the reference: add --reference FILE');
  }
  return out;
}

function render(report: PerformanceReport, format: MetricsFlags['format']): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'markdown':
      return formatPerformanceMarkdown(report);
    case 'html':
      return renderHtml(performanceReportModel(report));
    default:
      return formatPerformanceTable(report);
  }
}
