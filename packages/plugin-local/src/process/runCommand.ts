import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, createReadStream, fstatSync, mkdirSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { formatDuration } from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';

/** What to run, where, and for how long. */
export interface CommandSpec {
  /** An argv array (run without a shell) or a command line (run with `/bin/sh -c`). */
  readonly command: string | readonly string[];
  /** Working directory. Default: the current one. */
  readonly cwd?: string;
  /** Variables set over `process.env`. */
  readonly env?: Readonly<Record<string, string>>;
  /** File that receives stdout and stderr, appended to (created with its folder when missing). */
  readonly logFile: string;
  /** Time limit, ms: then SIGTERM, and SIGKILL `killGraceMs` later. */
  readonly timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL, ms. Default 5 000. */
  readonly killGraceMs?: number;
  /** Aborting stops the command as {@link RunningCommand.stop} does. */
  readonly signal?: AbortSignal;
  /** Lines of the log's end kept in the outcome. Default 20. */
  readonly tailLines?: number;
  /**
   * Scrubs secrets (the provider context's redactor). When given, the log file is rewritten
   * through it (atomically) once the command has ended, before its tail is read: a command that
   * prints its environment or a config secret leaves neither in the log nor in the outcome.
   */
  readonly redact?: (text: string) => string;
}

/** How a command ended. */
export interface CommandOutcome {
  /** The exit status, `null` when a signal ended it or it never started. */
  readonly exitCode: number | null;
  /** The signal that ended it, if one did. */
  readonly signal: NodeJS.Signals | null;
  /** It ran out of time and was killed. */
  readonly timedOut: boolean;
  /** It was stopped by {@link RunningCommand.stop} or the abort signal. */
  readonly stopped: boolean;
  /** Why it could not be started (`spawn foo ENOENT`), if it could not. */
  readonly spawnError?: string;
  /** The last lines this run wrote to the log. */
  readonly logTail: string;
  readonly durationMs: number;
}

/** A started command. */
export interface RunningCommand {
  /** Process id of the child (the leader of its process group), when it started. */
  readonly pid: number | undefined;
  /** Settles (never rejects) when the command has ended. */
  readonly done: Promise<CommandOutcome>;
  /** SIGTERM to the command's process group, SIGKILL after the grace period; resolves when it has ended. */
  stop(): Promise<CommandOutcome>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts a command in its own process group, its output appended to a log
 * file. A timeout or {@link RunningCommand.stop} sends SIGTERM to the whole
 * group (so `sh -c` pipelines and their children go too), then SIGKILL after
 * a grace period. Children still running when this process exits are
 * killed, as they would be by Ctrl-C in a terminal.
 */
export function startCommand(spec: CommandSpec): RunningCommand {
  const started = Date.now();
  const graceMs = spec.killGraceMs ?? 5_000;
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  const logStart = fstatSync(fd).size;
  const [file, args] = typeof spec.command === 'string' ? ['/bin/sh', ['-c', spec.command]] : [spec.command[0], spec.command.slice(1)];
  let child: ChildProcess;
  try {
    child = spawn(file, args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } catch (error) {
    // Synchronous failures: a bad cwd type, an empty argv; asynchronous ones (ENOENT) come as 'error'.
    closeSync(fd);
    const outcome: CommandOutcome = {
      exitCode: null,
      signal: null,
      timedOut: false,
      stopped: false,
      spawnError: (error as Error).message,
      logTail: '',
      durationMs: 0,
    };
    return { pid: undefined, done: Promise.resolve(outcome), stop: async () => outcome };
  }
  closeSync(fd);
  installExitHook();
  live.add(child);

  let timedOut = false;
  let stopped = false;
  let killTimer: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (killTimer) return;
    signalGroup(child, 'SIGTERM');
    killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  };
  const timeoutTimer =
    spec.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          kill();
        }, spec.timeoutMs);
  const onAbort = (): void => {
    stopped = true;
    kill();
  };
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (spec.signal?.aborted) onAbort();

  const done = new Promise<CommandOutcome>((resolve) => {
    let spawnError: string | undefined;
    let finished = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (finished) return;
      finished = true;
      // The shell of a `sh -c` command may end on SIGTERM while its children ignore it: they go now.
      if (killTimer) signalGroup(child, 'SIGKILL', true);
      live.delete(child);
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      spec.signal?.removeEventListener('abort', onAbort);
      const redact = spec.redact;
      void (redact ? redactLog(spec.logFile, redact) : Promise.resolve())
        .then(() => readTail(spec.logFile, logStart, spec.tailLines ?? 20))
        .then((logTail) =>
          resolve({
            exitCode,
            signal,
            timedOut,
            stopped,
            spawnError: spawnError === undefined || !redact ? spawnError : redact(spawnError),
            logTail: redact ? redact(logTail) : logTail,
            durationMs: Date.now() - started,
          }),
        );
    };
    child.once('error', (error) => {
      spawnError = error.message;
      // A child that never started emits no 'exit'.
      if (child.pid === undefined) finish(null, null);
    });
    child.once('exit', (code, signal) => finish(code, signal));
  });
  return {
    pid: child.pid,
    done,
    stop: () => {
      stopped = true;
      kill();
      return done;
    },
  };
}

/** Runs a command to its end (see {@link startCommand}). */
export function runCommand(spec: CommandSpec): Promise<CommandOutcome> {
  return startCommand(spec).done;
}

/**
 * One line for a command that did not succeed: `exit status 3`,
 * `killed by SIGKILL`, `timed out after 30s`, `stopped`, `could not start: …`.
 */
export function describeOutcome(outcome: CommandOutcome, timeoutMs?: number): string {
  if (outcome.spawnError !== undefined) return `could not start: ${outcome.spawnError}`;
  if (outcome.timedOut) return `timed out after ${timeoutMs === undefined ? `${outcome.durationMs}ms` : formatDuration(timeoutMs)}`;
  if (outcome.stopped) return 'stopped';
  if (outcome.signal) return `killed by ${outcome.signal}`;
  return `exit status ${outcome.exitCode}`;
}

/** {@link describeOutcome} followed by the log's tail, when there is one. */
export function describeFailure(outcome: CommandOutcome, timeoutMs?: number): string {
  const what = describeOutcome(outcome, timeoutMs);
  return outcome.logTail === '' ? what : `${what}: ${outcome.logTail}`;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals, evenAfterExit = false): void {
  if (child.pid === undefined || (!evenAfterExit && (child.exitCode !== null || child.signalCode !== null))) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone (or was never formed): signal the child itself.
    if (evenAfterExit) return;
    try {
      child.kill(signal);
    } catch {
      // Already ended.
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) signalGroup(child, 'SIGKILL');
  });
}

/**
 * Rewrites a command's log through `redact`, line by line, whole or not at all. A log that
 * cannot be rewritten (gone, read-only) is left as it is: the tail taken from it is redacted anyway.
 */
export async function redactLog(file: string, redact: (text: string) => string): Promise<void> {
  async function* lines(): AsyncIterable<string> {
    const input = createReadStream(file, 'utf8');
    try {
      for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) yield `${redact(line)}\n`;
    } finally {
      input.destroy();
    }
  }
  await writeFileAtomic(file, lines()).catch(() => undefined);
}

/** The last `lines` lines written to `file` after byte `from` (reading at most its last 64 KiB). */
async function readTail(file: string, from: number, lines: number): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      const start = Math.max(from, size - 65_536);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8').replace(/\s+$/, '');
      return text === '' ? '' : text.split('\n').slice(-lines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
