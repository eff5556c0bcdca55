import { Command } from 'commander';
import { version } from './version.js';

/** Makes one command; `setExitCode` receives non-error statuses (drift found). */
type CommandFactory = (setExitCode: (code: number) => void) => Command;

/**
 * The commands, in help order, each with the module that defines it, imported only when the
 * command line names it (or when every command is needed: help, an unknown name). Start-up then
 * loads what one command uses, not the report renderer, the retraining service or a cloud SDK
 * for `check`. Adding a command is one line here.
 */
const commands: readonly { readonly name: string; readonly load: () => Promise<CommandFactory> }[] = [
  { name: 'check', load: async () => (await import('./commands/checkCommand.js')).checkCommand },
  { name: 'metrics', load: async () => (await import('./commands/metricsCommand.js')).metricsCommand },
  { name: 'estimate', load: async () => (await import('./commands/estimateCommand.js')).estimateCommand },
  { name: 'detect', load: async () => (await import('./commands/detectCommand.js')).detectCommand },
  { name: 'init', load: async () => (await import('./commands/initCommand.js')).initCommand },
  { name: 'config', load: async () => (await import('./commands/configCommand.js')).configCommand },
  { name: 'plugins', load: async () => (await import('./commands/pluginsCommand.js')).pluginsCommand },
  { name: 'run', load: async () => (await import('./commands/runCommand.js')).runCommand },
  { name: 'retrain', load: async () => (await import('./commands/retrainCommand.js')).retrainCommand },
  { name: 'models', load: async () => (await import('./commands/modelsCommand.js')).modelsCommand },
  { name: 'history', load: async () => (await import('./commands/historyCommand.js')).historyCommand },
  { name: 'alarms', load: async () => (await import('./commands/alarmsCommand.js')).alarmsCommand },
  { name: 'sinks', load: async () => (await import('./commands/sinksCommand.js')).sinksCommand },
  { name: 'serve', load: async () => (await import('./commands/serveCommand.js')).serveCommand },
  { name: 'worker', load: async () => (await import('./commands/workerCommand.js')).workerCommand },
  { name: 'store', load: async () => (await import('./commands/storeCommand.js')).storeCommand },
  { name: 'tokens', load: async () => (await import('./commands/tokensCommand.js')).tokensCommand },
  { name: 'eval', load: async () => (await import('./commands/evalCommand.js')).evalCommand },
  { name: 'bedrock', load: async () => (await import('./commands/bedrockCommand.js')).bedrockCommand },
  { name: 'baseline', load: async () => (await import('./commands/baselineCommand.js')).baselineCommand },
  { name: 'import', load: async () => (await import('./commands/importCommand.js')).importCommand },
];

/** The program's own options that take no value (commander's `--help` and `--version` included). */
const globalFlags = new Set(['-v', '--verbose', '-V', '--version', '-h', '--help']);

/**
 * The commands `argv` needs: the one it names; none for a bare `--version`; every one otherwise
 * (program help, `help <command>`, an unknown name, which commander answers with a suggestion).
 */
function commandsFor(argv: readonly string[]): readonly (typeof commands)[number][] {
  const first = argv.find((arg) => !globalFlags.has(arg));
  if (first === undefined && (argv.includes('-V') || argv.includes('--version')) && !argv.includes('-h') && !argv.includes('--help'))
    return [];
  const named = commands.find((command) => command.name === first);
  return named ? [named] : commands;
}

/**
 * The `driftwatch` program with the commands `argv` (without node and script) needs;
 * `setExitCode` receives non-error statuses (drift found).
 */
export async function buildProgram(setExitCode: (code: number) => void, argv: readonly string[]): Promise<Command> {
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
  const factories = await Promise.all(commandsFor(argv).map((command) => command.load()));
  for (const factory of factories) program.addCommand(factory(setExitCode).exitOverride());
  return program;
}
