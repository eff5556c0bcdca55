import { Command, Help } from 'commander';
import { version } from './version.js';

/** Makes one command; `setExitCode` receives non-error statuses (drift found). */
type CommandFactory = (setExitCode: (code: number) => void) => Command;

/** A command of the program: what the program's help lists for it, and the module that defines it. */
interface CommandEntry {
  readonly name: string;
  /** Its line in the program's help: the name, `[options]` when it has options, its arguments (commander's `subcommandTerm`). */
  readonly term: string;
  /** The command's `summary()`, listed beside the term. */
  readonly summary: string;
  readonly load: () => Promise<CommandFactory>;
}

/**
 * The commands, in help order, each with the module that defines it, imported only when the
 * command line names it. Start-up then loads what one command uses, not the report renderer, the
 * retraining service or a cloud SDK for `check`. The program's help and commander's suggestion for
 * an unknown name need only the names, terms and summaries: they get stand-ins made from this
 * table (loading every command took ~1.5 s). `term` and `summary` repeat what the command's
 * module defines; buildProgram.test.ts checks that they match. Adding a command is one entry here.
 */
const commands: readonly CommandEntry[] = [
  {
    name: 'check',
    term: 'check [options]',
    summary: 'compare a current dataset with a reference, column by column',
    load: async () => (await import('./commands/checkCommand.js')).checkCommand,
  },
  {
    name: 'metrics',
    term: 'metrics [options]',
    summary: "measure a model's performance on labelled data, overall and per time window",
    load: async () => (await import('./commands/metricsCommand.js')).metricsCommand,
  },
  {
    name: 'estimate',
    term: 'estimate [options]',
    summary: "estimate a classifier's performance on unlabelled data (CBPE)",
    load: async () => (await import('./commands/estimateCommand.js')).estimateCommand,
  },
  {
    name: 'detect',
    term: 'detect [options]',
    summary: 'replay a stream of values through a streaming drift detector (ADWIN, DDM, …)',
    load: async () => (await import('./commands/detectCommand.js')).detectCommand,
  },
  {
    name: 'init',
    term: 'init [options]',
    summary: 'write a commented starter config (driftwatch.yaml)',
    load: async () => (await import('./commands/initCommand.js')).initCommand,
  },
  {
    name: 'config',
    term: 'config',
    summary: 'check or print the config',
    load: async () => (await import('./commands/configCommand.js')).configCommand,
  },
  {
    name: 'plugins',
    term: 'plugins [options]',
    summary: 'list every provider type with its options',
    load: async () => (await import('./commands/pluginsCommand.js')).pluginsCommand,
  },
  {
    name: 'run',
    term: 'run [options]',
    summary: "run the config's monitors once: drift, sinks, alerts, history",
    load: async () => (await import('./commands/runCommand.js')).runCommand,
  },
  {
    name: 'retrain',
    term: 'retrain [options] <monitor>',
    summary: "retrain a monitor's model now: collect, train, gate, deploy",
    load: async () => (await import('./commands/retrainCommand.js')).retrainCommand,
  },
  {
    name: 'models',
    term: 'models',
    summary: "list a monitor's model versions; promote or roll back the champion",
    load: async () => (await import('./commands/modelsCommand.js')).modelsCommand,
  },
  {
    name: 'history',
    term: 'history [options]',
    summary: 'show past runs and drift trends',
    load: async () => (await import('./commands/historyCommand.js')).historyCommand,
  },
  {
    name: 'alarms',
    term: 'alarms',
    summary: 'manage provider alarms made from alert rules',
    load: async () => (await import('./commands/alarmsCommand.js')).alarmsCommand,
  },
  {
    name: 'sinks',
    term: 'sinks',
    summary: "work on the config's metric sinks (flush their outboxes)",
    load: async () => (await import('./commands/sinksCommand.js')).sinksCommand,
  },
  {
    name: 'serve',
    term: 'serve [options]',
    summary: 'run the server: scheduled monitors, event ingestion, the API, /metrics and the dashboard',
    load: async () => (await import('./commands/serveCommand.js')).serveCommand,
  },
  {
    name: 'worker',
    term: 'worker [options]',
    summary: 'run jobs from the shared queue: monitor runs and retraining attempts (queue: { type: postgres })',
    load: async () => (await import('./commands/workerCommand.js')).workerCommand,
  },
  {
    name: 'store',
    term: 'store',
    summary: 'work on the run store (migrate its schema, import a file store)',
    load: async () => (await import('./commands/storeCommand.js')).storeCommand,
  },
  {
    name: 'tokens',
    term: 'tokens',
    summary: 'create, list and revoke API tokens of driftwatch serve',
    load: async () => (await import('./commands/tokensCommand.js')).tokensCommand,
  },
  {
    name: 'eval',
    term: 'eval [options]',
    summary: 'run the golden-set evaluations of an LLM application on Amazon Bedrock',
    load: async () => (await import('./commands/evalCommand.js')).evalCommand,
  },
  {
    name: 'bedrock',
    term: 'bedrock',
    summary: 'Amazon Bedrock account settings Driftwatch relies on',
    load: async () => (await import('./commands/bedrockCommand.js')).bedrockCommand,
  },
  {
    name: 'baseline',
    term: 'baseline [options]',
    summary: 'write a reference as a SageMaker Model Monitor baseline (statistics.json + constraints.json)',
    load: async () => (await import('./commands/baselineCommand.js')).baselineCommand,
  },
  {
    name: 'import',
    term: 'import',
    summary: 'take over a monitor from another tool (SageMaker Model Monitor)',
    load: async () => (await import('./commands/importCommand.js')).importCommand,
  },
];

/** The program's own options that take no value (commander's `--help` and `--version` included). */
const globalFlags = new Set(['-v', '--verbose', '-V', '--version', '-h', '--help']);

/**
 * The commands `argv` needs: the one it names (after `help` too); none for a bare `--version`.
 * When no argument is a command's name (program help, an unknown name, which commander answers
 * with a suggestion), `stand-ins`: commander then dispatches to no command, it only lists them.
 * Otherwise (a command's name elsewhere on the line) every command, as commander may dispatch to any.
 */
function commandsFor(argv: readonly string[]): readonly CommandEntry[] | 'stand-ins' {
  const at = argv.findIndex((arg) => !globalFlags.has(arg));
  const first = argv[at];
  if (first === undefined && (argv.includes('-V') || argv.includes('--version')) && !argv.includes('-h') && !argv.includes('--help'))
    return [];
  const named = commands.find((command) => command.name === (first === 'help' ? argv[at + 1] : first));
  if (named) return [named];
  return argv.some((arg) => commands.some((command) => command.name === arg)) ? commands : 'stand-ins';
}

/**
 * A command that only shows in the program's help: its name, term and summary. It is never run:
 * commandsFor gives stand-ins only to command lines that name no command.
 */
function standIn(entry: CommandEntry): Command {
  return new Command(entry.name).summary(entry.summary).action(() => {
    throw new Error(`internal error: the ${entry.name} command was not loaded`);
  });
}

/**
 * The `driftwatch` program with the commands `argv` (without node and script) needs;
 * `setExitCode` receives non-error statuses (drift found).
 */
export async function buildProgram(setExitCode: (code: number) => void, argv: readonly string[]): Promise<Command> {
  const terms = new WeakMap<Command, string>();
  const program = new Command('driftwatch')
    .description('Driftwatch watches ML models in production: data drift, prediction drift and model quality.')
    .version(version, '-V, --version')
    .option('-v, --verbose', 'print stack traces and extra detail on stderr')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`driftwatch: ${text.replace(/^error: /, 'error: ')}`) })
    .configureHelp({
      subcommandTerm(this: Help, command: Command): string {
        return terms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
      },
    })
    .addHelpText(
      'after',
      `
Exit status: 0 done, 1 drift found with --fail-on-drift, 2 bad input, usage or config,
3 other failure, 4 a provider (sink, channel, registry, cloud API) failed, 5 state conflict
(another process holds the monitor or model), 130/143 stopped by SIGINT/SIGTERM (providers
flushed and shut down first).
Run "driftwatch <command> --help" for a command's options and examples.`,
    );
  const needed = commandsFor(argv);
  if (needed === 'stand-ins') {
    for (const entry of commands) {
      const command = standIn(entry);
      terms.set(command, entry.term);
      program.addCommand(command);
    }
    return program;
  }
  const factories = await Promise.all(needed.map((command) => command.load()));
  for (const factory of factories) program.addCommand(factory(setExitCode).exitOverride());
  return program;
}
