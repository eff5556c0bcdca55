import { llmPromotionServiceToken, retrainingServiceToken } from '@driftwatch/runtime';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import { formatModels, formatVersion } from '../output/formatRetraining.js';
import { toJson } from '../output/toJson.js';
import { openConfig } from './openConfig.js';

interface ModelsFlags {
  config: string;
  format: 'table' | 'json';
  color?: boolean;
}

const common = (command: Command) =>
  command
    .option('--config <file>', 'config file', 'driftwatch.yaml')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the output');

const colorsFor = (flags: ModelsFlags) => pc.createColors(flags.color !== false && Boolean(process.stdout.isTTY));

/** `driftwatch models list|show|promote|rollback MONITOR`: the model registry of a monitor. */
export function modelsCommand(): Command {
  const models = new Command('models')
    .summary("list a monitor's model versions; promote or roll back the champion")
    .description(
      "The model registry of a monitor's retraining: block (a local folder or the SageMaker Model " +
        'Registry). promote and rollback deploy through the configured deployer first and change the ' +
        'champion only when the deployment succeeded. A version whose deployment failed during ' +
        'retraining is listed as deploy-failed (it passed the gate; it was not rejected): promote it ' +
        'once the serving side is fixed.',
    )
    .addHelpText(
      'after',
      `
Examples:
  driftwatch models list churn-model
  driftwatch models show churn-model 2 --format json
  driftwatch models promote churn-model 3 --reason "approved after review"
  driftwatch models rollback churn-model            # to the previous champion
  driftwatch models rollback churn-model --to 1

Exit status: 0 done, 2 bad usage or config (unknown monitor or version), 4 the deployment
failed or the registry could not be reached (the champion is unchanged), 5 the model is being
retrained by another process.`,
    );
  models.addCommand(
    common(new Command('list').description("a monitor's model versions, newest first; * marks the champion").argument('<monitor>'))
      .action(async (monitor: string, flags: ModelsFlags) => {
        const { container } = await openConfig(flags.config);
        const llm = container.get(llmPromotionServiceToken);
        const listing = llm.has(monitor) ? await llm.models(monitor) : await container.get(retrainingServiceToken).models(monitor);
        process.stdout.write(flags.format === 'json' ? toJson(listing) : formatModels(listing, colorsFor(flags)));
      })
      .exitOverride(),
  );
  models.addCommand(
    common(new Command('show').description('every recorded fact of one version').argument('<monitor>').argument('<version>'))
      .action(async (monitor: string, version: string, flags: ModelsFlags) => {
        const { container } = await openConfig(flags.config);
        const v = await container.get(retrainingServiceToken).version(monitor, version);
        process.stdout.write(flags.format === 'json' ? toJson(v) : formatVersion(v));
      })
      .exitOverride(),
  );
  models.addCommand(
    common(new Command('promote').description('deploy a version and make it the champion').argument('<monitor>').argument('<version>'))
      .option('--reason <text>', 'recorded with the status change', 'promoted by hand')
      .action(async (monitor: string, version: string, flags: ModelsFlags & { reason: string }) => {
        const { container } = await openConfig(flags.config);
        const v = await container.get(retrainingServiceToken).promote(monitor, version, flags.reason);
        process.stdout.write(flags.format === 'json' ? toJson(v) : `model ${v.model}: version ${v.version} deployed and champion\n`);
      })
      .exitOverride(),
  );
  models.addCommand(
    common(new Command('rollback').description('make the previous champion (or --to VERSION) serve again').argument('<monitor>'))
      .option('--to <version>', 'the version to roll back to (default: the champion before the current one)')
      .option('--reason <text>', 'recorded with the status change', 'rolled back by hand')
      .action(async (monitor: string, flags: ModelsFlags & { to?: string; reason: string }) => {
        const { container } = await openConfig(flags.config);
        const r = await container.get(retrainingServiceToken).rollback(monitor, flags.to, flags.reason);
        process.stdout.write(
          flags.format === 'json'
            ? toJson(r)
            : `model ${r.to.model}: rolled back from version ${r.from ?? 'none'} to version ${r.to.version}\n`,
        );
      })
      .exitOverride(),
  );
  return models;
}
