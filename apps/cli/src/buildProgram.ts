import { Command } from 'commander';
import { alarmsCommand } from './commands/alarmsCommand.js';
import { bedrockCommand } from './commands/bedrockCommand.js';
import { checkCommand } from './commands/checkCommand.js';
import { configCommand } from './commands/configCommand.js';
import { detectCommand } from './commands/detectCommand.js';
import { estimateCommand } from './commands/estimateCommand.js';
import { historyCommand } from './commands/historyCommand.js';
import { initCommand } from './commands/initCommand.js';
import { metricsCommand } from './commands/metricsCommand.js';
import { modelsCommand } from './commands/modelsCommand.js';
import { pluginsCommand } from './commands/pluginsCommand.js';
import { retrainCommand } from './commands/retrainCommand.js';
import { runCommand } from './commands/runCommand.js';
import { sinksCommand } from './commands/sinksCommand.js';
import { version } from './version.js';

/** The `driftwatch` program with all its commands; `setExitCode` receives non-error statuses (drift found). */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('driftwatch')
    .description('Driftwatch watches ML models in production: data drift, prediction drift and model quality.')
    .version(version, '-V, --version')
    .option('-v, --verbose', 'print stack traces and extra detail on stderr')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text.replace(/^error: /, 'error: ')}`) })
    .addHelpText(
      'after',
      `
Exit status: 0 done, 1 drift found with --fail-on-drift, 2 bad input, usage or config,
3 other failure, 4 a provider (sink, channel, registry, cloud API) failed, 5 state conflict
(another process holds the monitor or model), 130/143 stopped by SIGINT/SIGTERM (providers
flushed and shut down first).
Run "driftwatch <command> --help" for a command's options and examples.`,
    );
  program.addCommand(checkCommand(setExitCode).exitOverride());
  program.addCommand(metricsCommand(setExitCode).exitOverride());
  program.addCommand(estimateCommand(setExitCode).exitOverride());
  program.addCommand(detectCommand().exitOverride());
  program.addCommand(initCommand().exitOverride());
  program.addCommand(configCommand().exitOverride());
  program.addCommand(pluginsCommand().exitOverride());
  program.addCommand(runCommand(setExitCode).exitOverride());
  program.addCommand(retrainCommand(setExitCode).exitOverride());
  program.addCommand(modelsCommand().exitOverride());
  program.addCommand(historyCommand().exitOverride());
  program.addCommand(alarmsCommand().exitOverride());
  program.addCommand(sinksCommand(setExitCode).exitOverride());
  program.addCommand(bedrockCommand(setExitCode).exitOverride());
  return program;
}
