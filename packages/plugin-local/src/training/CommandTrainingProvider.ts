import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
  formatDuration,
  StateError,
  type TrainingJob,
  type TrainingProvider,
  type TrainingRequest,
  type TrainingStatus,
} from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { redactLog } from '../process/runCommand.js';
import { readJsonFile } from '../store/readJsonFile.js';

/** Options of {@link CommandTrainingProvider}. */
export interface CommandTrainingOptions {
  /** An argv array (run without a shell) or a command line (run with `/bin/sh -c`). */
  readonly command: string | readonly string[];
  /** Working directory of the command. Default: the current one. */
  readonly cwd?: string;
  /** Variables set for the command, over the environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Time limit of one job, ms. Default one hour. */
  readonly timeoutMs?: number;
  /** Folder of the job folders. */
  readonly workDir: string;
  /** Time between SIGTERM and SIGKILL when a job is stopped or times out, ms. Default 5 000. */
  readonly killGraceMs?: number;
  /** Scrubs secrets from the command's log and from the messages made of it (the provider context's redactor). */
  readonly redact?: (text: string) => string;
}

/** What `job.json` records: who runs the job, so another process can tell running from interrupted. */
interface JobFile {
  readonly key: string;
  readonly model: string;
  readonly startedAt: string;
  /** The driftwatch process that started the job. */
  readonly ownerPid: number;
  /** The job's supervisor, which runs the command and writes `result.json` (jobs started before it existed have none). */
  readonly supervisorPid?: number;
  /** Before supervisors: the training process (leader of its process group), watched by `ownerPid`. */
  readonly childPid?: number;
}

/** What `result.json` records: the final status (the supervisor adds the exit status and duration, for people). */
interface ResultFile extends TrainingStatus {
  readonly finishedAt: string;
}

/** A job started by this process. */
interface LocalJob {
  readonly supervisor: ChildProcess;
  /** Settles when the final status is known (and persisted, when it could be). */
  readonly finished: Promise<TrainingStatus>;
  final?: TrainingStatus;
}

/** Jobs started by this process, by job folder: shared by every provider instance, as the children are. */
const localJobs = new Map<string, LocalJob>();

/**
 * The supervisor script, resolved through the package's `exports` (a self-reference here, the
 * dependency from the bundled CLI, whose code no longer sits two folders below this package).
 */
const supervisorScript = createRequire(import.meta.url).resolve('@driftwatch/plugin-local/supervisor/trainingSupervisor.mjs');

const provider = 'command';
const interrupted = 'interrupted: the training process was not running when driftwatch looked (did driftwatch exit while it ran?)';
const supervisorLost = 'interrupted: the training supervisor ended without recording a result (was it killed?)';

/**
 * Trains by running a local command in the background. Each job has a
 * folder `<workDir>/<key>/` with `output/` (the artifact: whatever the
 * command writes to `DRIFTWATCH_OUTPUT_DIR`), `train.log` (its stdout and
 * stderr), `job.json` (who runs it) and, once it has ended, `result.json`
 * (its final status, so a later process can read it).
 *
 * The command runs under a detached supervisor (`supervisor/trainingSupervisor.mjs`)
 * that enforces the timeout and writes `result.json` atomically when the
 * command ends, whether or not the driftwatch process that started it is
 * still there. A later process adopts the job: it polls a job whose
 * supervisor still runs and reads the result of one that finished while
 * nobody watched, so a driftwatch killed mid-training neither loses the
 * model nor trains it again.
 *
 * The command gets `DRIFTWATCH_TRAIN_DATA`, `DRIFTWATCH_VALIDATION_DATA`,
 * `DRIFTWATCH_OUTPUT_DIR`, `DRIFTWATCH_MODEL`, `DRIFTWATCH_JOB_KEY`,
 * `DRIFTWATCH_PARAMS` (the parameters as JSON) and one
 * `DRIFTWATCH_PARAM_<NAME>` per parameter (`learningRate` →
 * `DRIFTWATCH_PARAM_LEARNING_RATE`). It succeeds when it exits 0 having
 * written something to its output folder.
 */
export class CommandTrainingProvider implements TrainingProvider {
  readonly type = provider;
  readonly #options: CommandTrainingOptions;
  readonly #timeoutMs: number;

  constructor(options: CommandTrainingOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 3_600_000;
  }

  /** The folder of a job. */
  jobDir(id: string): string {
    return resolve(this.#options.workDir, id);
  }

  async submit(request: TrainingRequest): Promise<TrainingJob> {
    if (!/^[A-Za-z0-9][\w.-]*$/.test(request.key))
      throw new StateError('STATE_CORRUPT', `training key "${request.key}" cannot name a folder (letters, digits, "-", "_", ".")`);
    const dir = this.jobDir(request.key);
    const job: TrainingJob = { id: request.key, provider, logUri: join(dir, 'train.log') };
    if (localJobs.has(dir)) return job;
    if ((await readResult(dir)) !== undefined) return job;
    if (watchedElsewhere(await readJobFile(dir), dir)) return job;

    const output = join(dir, 'output');
    await rm(output, { recursive: true, force: true });
    await rm(join(dir, 'cancel.requested'), { force: true });
    await rm(join(dir, 'trainer.pid'), { force: true });
    await mkdir(output, { recursive: true });
    const startedAt = new Date().toISOString();
    await appendFile(job.logUri!, `--- driftwatch: training ${request.model} (job ${request.key}) started at ${startedAt}\n`);
    const supervisor = this.#supervise(dir, { ...this.#options.env, ...trainingEnv(request, output) });
    const local: LocalJob = {
      supervisor,
      finished: new Promise<void>((done) => {
        supervisor.once('exit', () => done());
        supervisor.once('error', () => done());
      }).then(async () => {
        supervised.delete(supervisor);
        let status = await readResult(dir).catch(() => undefined);
        if (status === undefined) {
          await stopOrphanedTrainer(dir);
          status = { state: 'failed', reason: supervisorLost, logUri: job.logUri };
          try {
            await writeFileAtomic(
              join(dir, 'result.json'),
              `${JSON.stringify({ ...status, finishedAt: new Date().toISOString() } satisfies ResultFile, null, 2)}\n`,
            );
          } catch (error) {
            process.stderr.write(
              `driftwatch: warning: cannot record the result of training job ${request.key}: ${(error as Error).message}\n`,
            );
          }
        }
        status = await this.#scrubbed(dir, status);
        localJobs.delete(dir);
        // Final only once persisted: a caller that sees it can rely on result.json.
        local.final = status;
        return status;
      }),
    };
    localJobs.set(dir, local);
    await writeFileAtomic(
      join(dir, 'job.json'),
      `${JSON.stringify({ key: request.key, model: request.model, startedAt, ownerPid: process.pid, supervisorPid: supervisor.pid } satisfies JobFile, null, 2)}\n`,
    );
    return job;
  }

  /**
   * A finished job's log and result put through the redactor, once (result.json then says
   * `"redacted": true`): the supervisor, a plain process that knows no secrets, writes both raw,
   * and a job may finish while no driftwatch process watches. Whoever reads the result first scrubs it.
   */
  async #scrubbed(dir: string, status: TrainingStatus): Promise<TrainingStatus> {
    const redact = this.#options.redact;
    if (!redact) return status;
    const clean: TrainingStatus = status.reason === undefined ? status : { ...status, reason: redact(status.reason) };
    try {
      const file = join(dir, 'result.json');
      const raw = JSON.parse(await readFile(file, 'utf8')) as ResultFile & { redacted?: boolean };
      if (raw.redacted === true) return clean;
      await redactLog(join(dir, 'train.log'), redact);
      const scrubbed = { ...raw, ...(raw.reason === undefined ? {} : { reason: redact(raw.reason) }), redacted: true };
      await writeFileAtomic(file, `${JSON.stringify(scrubbed, null, 2)}\n`);
    } catch {
      // A result that cannot be rewritten keeps its file; the status handed on is redacted anyway.
    }
    return clean;
  }

  /** Starts the supervisor of the job in `dir`: detached, its own errors appended to the job's log. */
  #supervise(dir: string, env: Readonly<Record<string, string>>): ChildProcess {
    const spec = {
      dir,
      command: this.#options.command,
      ...(this.#options.cwd === undefined ? {} : { cwd: this.#options.cwd }),
      timeoutMs: this.#timeoutMs,
      timeoutText: formatDuration(this.#timeoutMs),
      killGraceMs: this.#options.killGraceMs ?? 5_000,
      tailLines: 20,
    };
    const log = openSync(join(dir, 'train.log'), 'a');
    try {
      const supervisor = spawn(process.execPath, [supervisorScript, JSON.stringify(spec)], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', log],
        detached: true,
      });
      supervised.add(supervisor);
      installExitHook();
      return supervisor;
    } finally {
      closeSync(log);
    }
  }

  async status(job: TrainingJob): Promise<TrainingStatus> {
    const dir = this.jobDir(job.id);
    const logUri = join(dir, 'train.log');
    const local = localJobs.get(dir);
    if (local) return local.final ?? { state: 'running', logUri };
    const result = await readResult(dir);
    if (result) return this.#scrubbed(dir, result);
    const owner = await readJobFile(dir);
    if (owner === undefined && !(await exists(dir)))
      return { state: 'failed', reason: `no training job "${job.id}": ${dir} does not exist` };
    if (watchedElsewhere(owner, dir)) return { state: 'running', logUri };
    // The supervisor may have written the result between the two reads.
    const late = await readResult(dir);
    if (late) return this.#scrubbed(dir, late);
    return { state: 'failed', reason: owner?.supervisorPid === undefined ? interrupted : supervisorLost, logUri };
  }

  /** Stops a job (SIGTERM to its process group, SIGKILL after the grace period) and waits until it has ended here. */
  async cancel(job: TrainingJob): Promise<void> {
    const dir = this.jobDir(job.id);
    const local = localJobs.get(dir);
    if (local) {
      await this.#stopSupervisor(dir, local.supervisor.pid);
      await local.finished;
      return;
    }
    if ((await readResult(dir)) !== undefined || !(await exists(dir))) return;
    const owner = await readJobFile(dir);
    if (owner?.supervisorPid !== undefined && watchedElsewhere(owner, dir)) {
      // Its supervisor (started by a process gone or elsewhere) stops the command and records it.
      await this.#stopSupervisor(dir, owner.supervisorPid);
      if ((await readResult(dir)) !== undefined) return;
    } else if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) {
      // Another driftwatch process watches it: mark it cancelled, stop its process group, and let that process record it.
      await writeFileAtomic(join(dir, 'cancel.requested'), `${new Date().toISOString()}\n`);
      if (owner.childPid !== undefined) signalGroup(owner.childPid, 'SIGTERM');
      return;
    }
    if (owner?.supervisorPid !== undefined) await stopOrphanedTrainer(dir);
    const status: ResultFile = {
      state: 'stopped',
      reason: `cancelled after it was ${owner?.supervisorPid === undefined ? interrupted : supervisorLost}`,
      logUri: join(dir, 'train.log'),
      finishedAt: new Date().toISOString(),
    };
    await writeFileAtomic(join(dir, 'result.json'), `${JSON.stringify(status, null, 2)}\n`);
  }

  /**
   * SIGTERM to a job's supervisor, which stops the command (SIGTERM to its group, SIGKILL after the
   * grace period) and records it stopped; waits for `result.json` up to the grace period and 10 s
   * more, then kills the supervisor.
   */
  async #stopSupervisor(dir: string, pid: number | undefined): Promise<void> {
    if (pid === undefined) return;
    await writeFileAtomic(join(dir, 'cancel.requested'), `${new Date().toISOString()}\n`);
    signal(pid, 'SIGTERM');
    const deadline = Date.now() + (this.#options.killGraceMs ?? 5_000) + 10_000;
    while (Date.now() < deadline && isAlive(pid) && (await readResult(dir).catch(() => undefined)) === undefined)
      await new Promise((r) => setTimeout(r, 20));
    if (isAlive(pid) && (await readResult(dir).catch(() => undefined)) === undefined) signal(pid, 'SIGKILL');
  }
}

/** The variables a training command gets. */
function trainingEnv(request: TrainingRequest, output: string): Record<string, string> {
  const env: Record<string, string> = {
    DRIFTWATCH_TRAIN_DATA: request.dataUri,
    DRIFTWATCH_VALIDATION_DATA: request.validationUri ?? '',
    DRIFTWATCH_OUTPUT_DIR: output,
    DRIFTWATCH_MODEL: request.model,
    DRIFTWATCH_JOB_KEY: request.key,
    DRIFTWATCH_PARAMS: JSON.stringify(request.parameters),
  };
  for (const [name, value] of Object.entries(request.parameters)) env[`DRIFTWATCH_PARAM_${upperSnake(name)}`] = value;
  return env;
}

/** `learningRate`, `learning-rate`, `learning_rate` → `LEARNING_RATE`. */
export function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

function readResult(dir: string): Promise<TrainingStatus | undefined> {
  return readJsonFile(join(dir, 'result.json'), {
    what: 'training result',
    remedy: 'move the job folder away to train again',
    check: (value) => {
      const { state, artifactUri, reason, logUri } = value as ResultFile;
      if (!['succeeded', 'failed', 'stopped'].includes(state)) throw new Error(`unknown state ${JSON.stringify(state)}`);
      return {
        state,
        ...(artifactUri === undefined ? {} : { artifactUri }),
        ...(reason === undefined ? {} : { reason }),
        ...(logUri === undefined ? {} : { logUri }),
      };
    },
  });
}

/**
 * Whether a job not started by this process still runs: its supervisor is alive (and is the
 * supervisor of this job, not a process that got its id since), or, for a job started before
 * supervisors, the driftwatch process that watches it is.
 */
function watchedElsewhere(owner: JobFile | undefined, dir: string): boolean {
  if (owner === undefined) return false;
  if (owner.supervisorPid !== undefined) return isAlive(owner.supervisorPid) && runsSupervisorOf(owner.supervisorPid, dir);
  return owner.ownerPid !== process.pid && isAlive(owner.ownerPid);
}

/** Whether process `pid` is the supervisor of the job in `dir` (by its command line, where `/proc` tells; else assumed). */
function runsSupervisorOf(pid: number, dir: string): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return argv.includes('trainingSupervisor.mjs') && argv.includes(JSON.stringify(dir).slice(1, -1));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync('/proc/self');
  }
}

/** SIGKILL to the process group of a command whose supervisor is gone (it was killed outright), if it still runs. */
async function stopOrphanedTrainer(dir: string): Promise<void> {
  const pid = Number.parseInt(await readFile(join(dir, 'trainer.pid'), 'utf8').catch(() => ''), 10);
  if (Number.isInteger(pid) && pid > 0) signal(-pid, 'SIGKILL');
}

/** Supervisors this process started and has not seen end. */
const supervised = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * When this process exits while a job runs (a stop by SIGINT or SIGTERM), its supervisors stop
 * their commands and record them stopped, as a command run in the foreground would end with it.
 * A process killed outright (SIGKILL) cannot: its jobs run on and a later process adopts them.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const supervisor of supervised) if (supervisor.pid !== undefined) signal(supervisor.pid, 'SIGTERM');
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

async function readJobFile(dir: string): Promise<JobFile | undefined> {
  try {
    const job = JSON.parse(await readFile(join(dir, 'job.json'), 'utf8')) as JobFile;
    return typeof job.ownerPid === 'number' ? job : undefined;
  } catch {
    // Missing or torn (a crash while starting): nobody is watching the job.
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
