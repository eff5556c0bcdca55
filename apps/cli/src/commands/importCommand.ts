import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '@driftwatch/core';
import type { ImportedSchedule } from '@driftwatch/plugin-aws-sagemaker';
import { validateConfig } from '@driftwatch/runtime';
import { Command } from 'commander';
import { writeAtomic } from '../output/writeAtomic.js';
import { builtinPlugins } from './builtinPlugins.js';

interface ImportFlags {
  schedule: string;
  out: string;
  region?: string;
  endpoint?: string;
  sagemakerEndpoint?: string;
  forcePathStyle?: boolean;
  force?: boolean;
}

const connection = { maxAttempts: 5, retryBaseDelayMs: 200, retryMaxDelayMs: 20_000 };

/** The YAML of an imported schedule: JSON values (valid YAML 1.2) under commented keys. */
export function importedConfigYaml(imported: ImportedSchedule, scheduleSupported: boolean): string {
  const { monitor, schedule } = imported;
  const lines = [
    `# Imported from SageMaker Model Monitor schedule ${imported.scheduleName} (${imported.monitoringType})`,
    '# by `driftwatch import sagemaker-monitor`: the same capture, baseline, constraints and CloudWatch names.',
    'version: 1',
    'monitors:',
    `  - name: ${JSON.stringify(monitor.name)}`,
  ];
  if (schedule.cron) {
    const key = `schedule: ${JSON.stringify(schedule.cron)} # Model Monitor: ${schedule.expression}`;
    lines.push(scheduleSupported ? `    ${key}` : `    # ${key} (this Driftwatch has no monitor schedule yet: run it from cron)`);
  }
  for (const [key, value] of Object.entries(monitor)) {
    if (key === 'name') continue;
    if (key === 'reference')
      lines.push(
        imported.modelQuality
          ? '    # Model Monitor judges model quality by the constraints only: the labelled capture is its own reference.'
          : "    # Model Monitor's baseline; each run writes constraint_violations.json and statistics.json to output.",
      );
    if (key === 'performance') lines.push("    # Model Monitor's model-quality metrics; thresholds from the baseline's constraints.json.");
    if (key === 'sinks')
      lines.push("    # Model Monitor's metric names, namespace and dimensions: existing dashboards and alarms keep working.");
    lines.push(`    ${key}: ${JSON.stringify(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `driftwatch import sagemaker-monitor`: a Model Monitor schedule as a Driftwatch monitor. */
export function importCommand(): Command {
  const importer = new Command('import')
    .exitOverride()
    // Set before the subcommand is added, so it inherits it: errors read as the other commands' do.
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text}`) })
    .summary('take over a monitor from another tool (SageMaker Model Monitor)');
  importer.addCommand(
    new Command('sagemaker-monitor')
      .exitOverride()
      .summary('write a driftwatch.yaml monitor that does what a Model Monitor data- or model-quality schedule does')
      .description(
        'Reads the schedule (DescribeMonitoringSchedule), its job definition (DescribeDataQualityJobDefinition or ' +
          "DescribeModelQualityJobDefinition), the endpoint's data-capture destination (DescribeEndpoint, " +
          'DescribeEndpointConfig) and the baseline files on S3, and writes a monitor that reads the same capture against ' +
          "the same statistics.json and constraints.json, checks Model Monitor's constraints and publishes Model " +
          "Monitor's CloudWatch metric names under the same schedule name. A model-quality schedule becomes a monitor " +
          "that joins the job's ground truth into the capture by event id and computes the problem type's metrics " +
          '(performance:) with thresholds from the model-quality constraints.json. Prints what it could not carry over.',
      )
      .requiredOption('-s, --schedule <name>', 'the monitoring schedule')
      .option('-o, --out <file>', 'the config to write (atomically)', 'driftwatch.yaml')
      .option('--region <region>', 'AWS region (default: AWS_REGION, then the SDK chain); written into the config')
      .option('--endpoint <url>', 'endpoint URL of every AWS service (an emulator); written into the config')
      .option('--sagemaker-endpoint <url>', 'endpoint URL of SageMaker only, for the import (overrides --endpoint)')
      .option('--force-path-style', 'address S3 as endpoint/bucket/key (most emulators); written into the config')
      .option('--force', 'overwrite an existing file')
      .addHelpText(
        'after',
        `
Examples:
  driftwatch import sagemaker-monitor --schedule churn-data-quality
  driftwatch import sagemaker-monitor --schedule churn-dq --out monitors/churn.yaml --region eu-west-1
  driftwatch import sagemaker-monitor --schedule churn-model-quality --out monitors/churn-quality.yaml

Exit status: 0 written, 2 bad input or usage (a bias or explainability schedule, a broken baseline file), 3 other failure,
4 an AWS call failed.`,
      )
      .action(async (flags: ImportFlags) => {
        if (existsSync(flags.out) && !flags.force) throw new UsageError(`${flags.out} exists; pass --force to overwrite it`);
        const settings = {
          ...connection,
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
        };
        const sageMakerSettings = flags.sagemakerEndpoint ? { ...settings, endpoint: flags.sagemakerEndpoint } : settings;
        // The SageMaker plugin and the AWS SDK load when the command runs, not for its help.
        const { createS3Client, createSageMakerClient, importMonitoringSchedule } = await import('@driftwatch/plugin-aws-sagemaker');
        const sageMaker = createSageMakerClient(sageMakerSettings, process.env);
        const s3 = createS3Client({ ...settings, forcePathStyle: flags.forcePathStyle ?? false }, process.env);
        let imported: ImportedSchedule;
        try {
          imported = await importMonitoringSchedule({ sageMaker, s3 }, flags.schedule, {
            ...(flags.region ? { region: flags.region } : {}),
            ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
            ...(flags.forcePathStyle ? { forcePathStyle: true } : {}),
          });
        } finally {
          sageMaker.destroy();
          s3.destroy();
        }
        // A schedule goes in as a key when this Driftwatch's config knows monitor schedules, else as a comment.
        const plugins = await builtinPlugins();
        const file = resolve(flags.out);
        const withSchedule = { version: 1, monitors: [{ ...imported.monitor, schedule: imported.schedule.cron }] };
        const scheduleSupported =
          imported.schedule.cron !== undefined &&
          (await validateConfig(withSchedule, { file, builtinPlugins: plugins, env: process.env }).then(
            () => true,
            () => false,
          ));
        // What is written must validate; a failure here is Driftwatch's bug, reported as such.
        await validateConfig(scheduleSupported ? withSchedule : { version: 1, monitors: [imported.monitor] }, {
          file,
          builtinPlugins: plugins,
          env: process.env,
        });
        await writeAtomic(flags.out, importedConfigYaml(imported, scheduleSupported));
        const capture = (imported.monitor.current as { uri: string }).uri;
        const quality = imported.modelQuality;
        const out = [
          `wrote ${flags.out}: monitor ${String(imported.monitor.name)} from schedule ${imported.scheduleName} ` +
            (quality
              ? `(${quality.problemType}, ${Object.keys(quality.thresholds).length} thresholds; capture ${capture}, ground truth ${quality.groundTruth})`
              : `(${imported.baseline.features.length} baseline features; capture ${capture})`),
        ];
        if (imported.schedule.cron && !scheduleSupported)
          out.push(
            `schedule ${imported.schedule.expression} → "${imported.schedule.cron}" written as a comment: run "driftwatch run" from cron`,
          );
        if (imported.notCarried.length > 0) out.push('not carried over:', ...imported.notCarried.map((n) => `  - ${n}`));
        process.stdout.write(`${out.join('\n')}\n`);
      }),
  );
  return importer;
}
