import { join } from 'node:path';
import { modelMonitorBaselineOf } from '@driftwatch/drift';
import { dataSourceFactoryToken, readFrameSet } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import { writeAtomic } from '../output/writeAtomic.js';
import { fileCommandContainer } from './fileCommandIo.js';

interface BaselineFlags {
  reference: string;
  format: 'sagemaker-monitor';
  out: string;
}

/** `driftwatch baseline`: writes a reference as a SageMaker Model Monitor baseline (statistics.json, constraints.json). */
export function baselineCommand(): Command {
  return new Command('baseline')
    .summary('write a reference as a SageMaker Model Monitor baseline (statistics.json + constraints.json)')
    .description(
      "Profiles a reference file as Model Monitor's baseline job does and writes its two files: statistics.json " +
        '(counts, mean, sum, std_dev, min, max, 10 KLL buckets and the KLL sketch of each numeric feature; ' +
        'distinct count and category counts of each string feature) and constraints.json (inferred type, completeness, ' +
        "is_non_negative, the domain of a string feature with at most 20 values, and the baseline job's monitoring_config). " +
        'A monitor reads them back with `reference: { type: sagemaker-baseline, statistics, constraints }`, and so does Model Monitor.',
    )
    .requiredOption('-r, --reference <file>', 'reference data: .csv, .tsv, .jsonl or .parquet')
    .addOption(new Option('-f, --format <format>', 'baseline format').choices(['sagemaker-monitor']).default('sagemaker-monitor'))
    .requiredOption('-o, --out <dir>', 'folder to write statistics.json and constraints.json to (each atomically)')
    .addHelpText(
      'after',
      `
Examples:
  driftwatch baseline --reference data/train.csv --format sagemaker-monitor --out baseline/
  aws s3 cp baseline/ s3://bucket/baselines/model-a/ --recursive   # for Model Monitor itself

Datetime and embedding columns have no Model Monitor type and are left out (named on stderr).
Exit status: 0 written, 2 bad input or usage, 3 other failure.`,
    )
    .action(async (flags: BaselineFlags) => {
      const container = await fileCommandContainer(undefined);
      const { current: frame } = await readFrameSet(container.get(dataSourceFactoryToken), {
        current: { path: flags.reference },
        sourcePaths: { reference: '--reference', current: '--reference' },
        allColumnsBut: [],
      });
      const baseline = modelMonitorBaselineOf(frame);
      const statistics = join(flags.out, 'statistics.json');
      const constraints = join(flags.out, 'constraints.json');
      await writeAtomic(statistics, `${JSON.stringify(baseline.statistics, null, 2)}\n`);
      await writeAtomic(constraints, `${JSON.stringify(baseline.constraints, null, 2)}\n`);
      if (baseline.skipped.length > 0) {
        process.stderr.write(`driftwatch: left out (no Model Monitor type): ${baseline.skipped.join(', ')}\n`);
      }
      process.stdout.write(
        `wrote ${statistics} (${baseline.statistics.features.length} features, ${frame.rowCount} rows) and ${constraints}\n`,
      );
    });
}
