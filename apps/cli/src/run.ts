import { exitStatus, exitStatusFor, isColumnSelectionError, isDriftwatchError, type OptionWording } from '@driftwatch/core';
import { CommanderError } from 'commander';
import { buildProgram } from './buildProgram.js';
import { processRedactor } from './output/processRedactor.js';
import { redactOutput } from './output/redactOutput.js';
import { installSignalHandlers, setVerboseLogging, shutdownProviders } from './providerLifecycles.js';

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function run(argv: readonly string[]): Promise<number> {
  setVerboseLogging(argv.includes('--verbose') || argv.includes('-v'));
  const uninstall = installSignalHandlers();
  // Every line this process prints goes through the one redactor, whoever wrote it.
  const unguard = redactOutput(processRedactor());
  try {
    const code = await runCommand(argv);
    // Providers are flushed and shut down when the command ends, whether it succeeded or not; one
    // that fails to (logged on stderr) makes a command that had nothing else to report exit 4.
    const reports = await shutdownProviders();
    return code === exitStatus.ok && reports.some((r) => r.failures.length > 0) ? exitStatus.provider : code;
  } finally {
    uninstall();
    unguard();
  }
}

async function runCommand(argv: readonly string[]): Promise<number> {
  let code: number = exitStatus.ok;
  try {
    const program = await buildProgram((c) => {
      code = c;
    }, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with status 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? exitStatus.ok : exitStatus.badInput;
    }
    const verbose = argv.includes('--verbose') || argv.includes('-v');
    const redactor = processRedactor();
    process.stderr.write(`driftwatch: ${redactor.text(describe(error))}\n`);
    if (verbose && error instanceof Error) process.stderr.write(redactor.text(`${error.stack ?? ''}\n${causeChain(error)}`));
    else if (!isDriftwatchError(error)) process.stderr.write('(run again with --verbose for the stack trace)\n');
    return exitStatusFor(error);
  }
}

/** How the command line names the drift engine's options. */
const flagWording: OptionWording = (option) =>
  ({ columns: '--columns', ignore: '--ignore', methods: '--method', thresholds: '--threshold' })[option];

function describe(error: unknown): string {
  if (isColumnSelectionError(error)) return `error: ${error.wordedFor(flagWording)}`;
  if (isDriftwatchError(error)) return `error: ${error.message}`;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}

function causeChain(error: Error): string {
  let out = '';
  let cause = error.cause;
  while (cause instanceof Error) {
    out += `caused by: ${cause.stack ?? cause.message}\n`;
    cause = cause.cause;
  }
  return out;
}
