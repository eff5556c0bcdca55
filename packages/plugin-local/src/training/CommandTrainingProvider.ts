import { appendFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StateError, type TrainingJob, type TrainingProvider, type TrainingRequest, type TrainingStatus } from '@driftwatch/core';
import { writeFileAtomic } from '@driftwatch/data';
import { describeFailure, type RunningCommand, startCommand } from '../process/runCommand.js';
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

/** What `job.json` records: who started the job, so another process can tell running from interrupted. */
interface JobFile {
  readonly key: string;
  readonly model: string;
  readonly startedAt: string;
  /** The driftwatch process that watches the job and will write `result.json`. */
  readonly ownerPid: number;
  /** The training process (leader of its process group). */
  readonly childPid?: number;
}

/** What `result.json` records: the final status. */
interface ResultFile extends TrainingStatus {
  readonly finishedAt: string;
}

/** A job started by this process. */
interface LocalJob {
  readonly running: RunningCommand;
  /** Settles when the final status is known (and persisted, when it could be). */
  readonly finished: Promise<TrainingStatus>;
  final?: TrainingStatus;
}

/** Jobs started by this process, by job folder: shared by every provider instance, as the children are. */
const localJobs = new Map<string, LocalJob>();

const provider = 'command';
const emptyOutput = 'the command exited 0 but wrote nothing to DRIFTWATCH_OUTPUT_DIR';
const interrupted = 'interrupted: the training process was not running when driftwatch looked (did driftwatch exit while it ran?)';

/**
 * Trains by running a local command in the background. Each job has a
 * folder `<workDir>/<key>/` with `output/` (the artifact: whatever the
 * command writes to `DRIFTWATCH_OUTPUT_DIR`), `train.log` (its stdout and
 * stderr), `job.json` (who runs it) and, once it has ended, `result.json`
 * (its final status, so a later process can read it).
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
    const owner = await readJobFile(dir);
    if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) return job;

    const output = join(dir, 'output');
    await rm(output, { recursive: true, force: true });
    await rm(join(dir, 'cancel.requested'), { force: true });
    await mkdir(output, { recursive: true });
    const startedAt = new Date().toISOString();
    await appendFile(job.logUri!, `--- driftwatch: training ${request.model} (job ${request.key}) started at ${startedAt}\n`);
    const running = startCommand({
      command: this.#options.command,
      cwd: this.#options.cwd,
      env: { ...this.#options.env, ...trainingEnv(request, output) },
      logFile: job.logUri!,
      timeoutMs: this.#timeoutMs,
      killGraceMs: this.#options.killGraceMs,
      redact: this.#options.redact,
    });
    const local: LocalJob = {
      running,
      finished: running.done.then(async (outcome) => {
        const cancelled = outcome.stopped || (await exists(join(dir, 'cancel.requested')));
        let status: TrainingStatus;
        if (cancelled) status = { state: 'stopped', reason: tailed('cancelled', outcome.logTail), logUri: job.logUri };
        else if (outcome.exitCode !== 0 || outcome.timedOut)
          status = { state: 'failed', reason: describeFailure(outcome, this.#timeoutMs), logUri: job.logUri };
        else if ((await readdir(output).catch(() => [])).length === 0)
          status = { state: 'failed', reason: tailed(`${emptyOutput} (${output})`, outcome.logTail), logUri: job.logUri };
        else status = { state: 'succeeded', artifactUri: output, logUri: job.logUri };
        try {
          await writeFileAtomic(
            join(dir, 'result.json'),
            `${JSON.stringify({ ...status, finishedAt: new Date().toISOString() } satisfies ResultFile, null, 2)}\n`,
          );
          localJobs.delete(dir);
        } catch (error) {
          // This process still knows the status; a later one will find the job interrupted.
          process.stderr.write(
            `driftwatch: warning: cannot record the result of training job ${request.key}: ${(error as Error).message}\n`,
          );
        }
        // Final only once persisted: a caller that sees it can rely on result.json.
        local.final = status;
        return status;
      }),
    };
    localJobs.set(dir, local);
    await writeFileAtomic(
      join(dir, 'job.json'),
      `${JSON.stringify({ key: request.key, model: request.model, startedAt, ownerPid: process.pid, childPid: running.pid } satisfies JobFile, null, 2)}\n`,
    );
    return job;
  }

  async status(job: TrainingJob): Promise<TrainingStatus> {
    const dir = this.jobDir(job.id);
    const logUri = join(dir, 'train.log');
    const local = localJobs.get(dir);
    if (local) return local.final ?? { state: 'running', logUri };
    const result = await readResult(dir);
    if (result) return result;
    const owner = await readJobFile(dir);
    if (owner === undefined && !(await exists(dir)))
      return { state: 'failed', reason: `no training job "${job.id}": ${dir} does not exist` };
    if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) return { state: 'running', logUri };
    return { state: 'failed', reason: interrupted, logUri };
  }

  /** Stops a job (SIGTERM to its process group, SIGKILL after the grace period) and waits until it has ended here. */
  async cancel(job: TrainingJob): Promise<void> {
    const dir = this.jobDir(job.id);
    const local = localJobs.get(dir);
    if (local) {
      await local.running.stop();
      await local.finished;
      return;
    }
    if ((await readResult(dir)) !== undefined || !(await exists(dir))) return;
    const owner = await readJobFile(dir);
    if (owner && owner.ownerPid !== process.pid && isAlive(owner.ownerPid)) {
      // Another driftwatch process watches it: mark it cancelled, stop its process group, and let that process record it.
      await writeFileAtomic(join(dir, 'cancel.requested'), `${new Date().toISOString()}\n`);
      if (owner.childPid !== undefined) signalGroup(owner.childPid, 'SIGTERM');
      return;
    }
    const status: ResultFile = {
      state: 'stopped',
      reason: `cancelled after it was ${interrupted}`,
      logUri: join(dir, 'train.log'),
      finishedAt: new Date().toISOString(),
    };
    await writeFileAtomic(join(dir, 'result.json'), `${JSON.stringify(status, null, 2)}\n`);
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

function tailed(what: string, tail: string): string {
  return tail === '' ? what : `${what}: ${tail}`;
}

function readResult(dir: string): Promise<TrainingStatus | undefined> {
  return readJsonFile(join(dir, 'result.json'), {
    what: 'training result',
    remedy: 'move the job folder away to train again',
    check: (value) => {
      const { finishedAt: _, ...status } = value as ResultFile;
      if (!['succeeded', 'failed', 'stopped'].includes(status.state)) throw new Error(`unknown state ${JSON.stringify(status.state)}`);
      return status;
    },
  });
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
