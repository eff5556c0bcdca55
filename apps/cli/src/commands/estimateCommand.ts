import { type EstimationReport, exitStatus } from '@driftwatch/core';
import { estimationReportModel, renderHtml } from '@driftwatch/report';
import { performanceServiceToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { formatEstimationMarkdown, formatEstimationTable } from '../output/formatEstimation.js';
import { toJson } from '../output/toJson.js';
import { addChunkOptions, type ChunkFlags, chunkSpec } from './chunkFlags.js';
import { emitReport, fileCommandContainer } from './fileCommandIo.js';
import { addModelOptions, type ModelFlags, modelColumns } from './modelFlags.js';
import { parseList } from './parseKeyed.js';

const collect = (value: string, previous: string[]) => [...previous, value];

interface EstimateFlags extends ModelFlags, ChunkFlags {
  reference: string;
  current: string;
  metrics: string[];
  calibration: 'auto' | 'always' | 'never';
  format: 'table' | 'json' | 'markdown' | 'html';
  output?: string;
  metricsOut?: string;
  failOnAlert?: boolean;
}

/** `driftwatch estimate`: a classifier's performance without labels (CBPE). */
export function estimateCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('estimate')
    .summary("estimate a classifier's performance on unlabelled data (CBPE)")
    .description(
      "Confidence-based performance estimation (NannyML's CBPE): fitted on a labelled REFERENCE, " +
        "it recalibrates the model's probabilities (isotonic, when the reference shows miscalibration) " +
        'and estimates accuracy, precision, recall, F1, specificity and ROC AUC per chunk of CURRENT ' +
        'from the expected confusion matrix, with a ±3·SE band and alerts outside mean ± 3·std of the ' +
        'reference chunks. Valid under covariate shift (P(y|x) unchanged). Where CURRENT has labels, ' +
        'the realised value is shown beside each estimate.',
    )
    .requiredOption('-r, --reference <file>', 'labelled reference data with the model outputs (e.g. the test set)')
    .requiredOption('-c, --current <file>', 'production data with the model outputs; labels optional');
  addModelOptions(command);
  addChunkOptions(command, 'estimate')
    .option('-m, --metrics <names>', 'metrics: roc_auc, f1, precision, recall, specificity, accuracy (default all)', collect, [])
    .addOption(
      new Option('--calibration <mode>', 'recalibrate probabilities on the reference').choices(['auto', 'always', 'never']).default('auto'),
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'html']).default('table'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--metrics-out <file.jsonl>', 'append the estimates as metric points to a JSON Lines file')
    .option('--fail-on-alert', 'exit with status 1 when any chunk alerts')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch estimate -r test.csv -c prod.csv -y label -p predicted --proba score
  driftwatch estimate -r test.csv -c prod.csv -y label -p predicted --proba score --period day --timestamp ts
  driftwatch estimate -r ref.parquet -c cur.parquet -y y -p pred --proba-prefix p_ --format html -o estimate.html

Without --window, --chunks or --period both sides are cut into 10 equal chunks.
Exit status: 0 done, 1 an alert with --fail-on-alert, 2 bad input or usage, 3 other failure,
4 a metrics sink failed.`,
    )
    .action(async (flags: EstimateFlags) => {
      const chunking = chunkSpec(flags);
      const container = await fileCommandContainer(flags.metricsOut);
      const { report, failedSinks } = await container.get(performanceServiceToken).estimate({
        reference: { path: flags.reference },
        data: { path: flags.current },
        columns: modelColumns(flags),
        metrics: parseList(flags.metrics),
        ...(chunking ? { chunking } : {}),
        calibration: flags.calibration,
      });
      const text = render(report, flags.format);
      await emitReport(text, flags.output, failedSinks);
      if (failedSinks.length > 0) setExitCode(exitStatus.provider);
      else if (flags.failOnAlert && report.alerts.length > 0) setExitCode(exitStatus.drift);
    });
  return command;
}

function render(report: EstimationReport, format: EstimateFlags['format']): string {
  switch (format) {
    case 'json':
      return toJson(report);
    case 'markdown':
      return formatEstimationMarkdown(report);
    case 'html':
      return renderHtml(estimationReportModel(report));
    default:
      return formatEstimationTable(report);
  }
}
