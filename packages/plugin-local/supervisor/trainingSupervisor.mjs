// @ts-check
// The supervisor of one local training job (CommandTrainingProvider). Started
// detached by driftwatch, it runs the training command in its own process group
// and, when the command ends, writes the job's final status to
// `<job>/result.json` (temporary file, fsync, rename, folder fsync), whether or
// not the driftwatch process that started it is still there: a driftwatch
// killed mid-training loses nothing, and the next one adopts the result.
//
// Usage: node trainingSupervisor.mjs '<spec as JSON>' (see the Spec typedef);
// the environment is the command's. It writes the command's pid (its process
// group) to `<job>/trainer.pid`. Its own errors go to stderr (the job's log).
// SIGTERM / SIGINT stop the command (SIGTERM to its group, SIGKILL after the
// grace period) and record it `stopped`. Plain Node, no dependencies: it runs
// from the package as shipped, sources or build alike.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @typedef {object} Spec
 * @property {string} dir the job folder: `output/` (the artifact), `train.log`, `result.json`, `cancel.requested`
 * @property {string | string[]} command an argv array (run without a shell) or a command line (`/bin/sh -c`)
 * @property {string} [cwd] working directory of the command
 * @property {number} timeoutMs time limit, ms: then SIGTERM to the group, SIGKILL `killGraceMs` later
 * @property {string} timeoutText the limit as people read it (`1h`, `300ms`), for the reason
 * @property {number} killGraceMs time between SIGTERM and SIGKILL, ms
 * @property {number} tailLines lines of the log's end kept in a failure's reason
 */

/** @type {Spec} */
const spec = JSON.parse(process.argv[2] ?? '{}');
const output = join(spec.dir, 'output');
const logFile = join(spec.dir, 'train.log');
const emptyOutput = 'the command exited 0 but wrote nothing to DRIFTWATCH_OUTPUT_DIR';

const fd = openSync(logFile, 'a');
const logStart = fstatSync(fd).size;
const [file, args] = typeof spec.command === 'string' ? ['/bin/sh', ['-c', spec.command]] : [spec.command[0], spec.command.slice(1)];
const started = Date.now();
let stopped = false;
let timedOut = false;
/** @type {NodeJS.Timeout | undefined} */
let killTimer;

/** @type {string | undefined} */
let spawnError;
/** @type {import('node:child_process').ChildProcess | undefined} */
let child;
try {
  child = spawn(file, args, { cwd: spec.cwd, env: process.env, stdio: ['ignore', fd, fd], detached: true });
} catch (error) {
  // Synchronous failures (an empty argv, a bad option); asynchronous ones (ENOENT) come as 'error'.
  spawnError = /** @type {Error} */ (error).message;
}
closeSync(fd);
// Its process group, for driftwatch to stop should this supervisor be killed outright.
if (child?.pid !== undefined) writeFileSync(join(spec.dir, 'trainer.pid'), `${child.pid}\n`);

/** @param {NodeJS.Signals} signal */
const signalGroup = (signal) => {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone.
  }
};
const kill = () => {
  if (killTimer) return;
  signalGroup('SIGTERM');
  killTimer = setTimeout(() => signalGroup('SIGKILL'), spec.killGraceMs);
};
const timeout = setTimeout(() => {
  timedOut = true;
  kill();
}, spec.timeoutMs);
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => {
    stopped = true;
    kill();
  });
}
// Detached, it has no terminal; a hang-up of the one that started it is no reason to stop.
process.on('SIGHUP', () => {});

let ended = false;
if (child === undefined) void end(null, null);
else {
  const running = child;
  running.once('error', (error) => {
    spawnError = error.message;
    // A child that never started emits no 'exit'.
    if (running.pid === undefined) void end(null, null);
  });
  running.once('exit', (code, signal) => void end(code, signal));
}

/**
 * @param {number | null} exitCode
 * @param {NodeJS.Signals | null} signal
 */
async function end(exitCode, signal) {
  if (ended) return;
  ended = true;
  clearTimeout(timeout);
  // The shell of a `sh -c` command may end on SIGTERM while its children ignore it: they go now.
  if (killTimer) signalGroup('SIGKILL');
  clearTimeout(killTimer);
  const tail = await readTail();
  const tailed = (/** @type {string} */ what) => (tail === '' ? what : `${what}: ${tail}`);
  /** @type {Record<string, unknown>} */
  let status;
  if (stopped || existsSync(join(spec.dir, 'cancel.requested'))) status = { state: 'stopped', reason: tailed('cancelled') };
  else if (spawnError !== undefined) status = { state: 'failed', reason: tailed(`could not start: ${spawnError}`) };
  else if (timedOut) status = { state: 'failed', reason: tailed(`timed out after ${spec.timeoutText}`) };
  else if (signal) status = { state: 'failed', reason: tailed(`killed by ${signal}`) };
  else if (exitCode !== 0) status = { state: 'failed', reason: tailed(`exit status ${exitCode}`) };
  else if (listOutput().length === 0) status = { state: 'failed', reason: tailed(`${emptyOutput} (${output})`) };
  else status = { state: 'succeeded', artifactUri: output };
  const result = {
    ...status,
    logUri: logFile,
    finishedAt: new Date().toISOString(),
    exitCode,
    signal,
    durationMs: Date.now() - started,
  };
  await writeAtomic(join(spec.dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

function listOutput() {
  try {
    return readdirSync(output);
  } catch {
    return [];
  }
}

/** The last `tailLines` lines the command wrote to the log (reading at most its last 64 KiB). */
async function readTail() {
  try {
    const handle = await open(logFile, 'r');
    try {
      const size = (await handle.stat()).size;
      const start = Math.max(logStart, size - 65_536);
      const buffer = Buffer.alloc(Math.max(0, size - start));
      await handle.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8').replace(/\s+$/, '');
      return text === '' ? '' : text.split('\n').slice(-spec.tailLines).join('\n');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/**
 * Whole or nothing: a temporary file beside `path`, fsynced, renamed over it, the folder fsynced.
 * @param {string} path
 * @param {string} text
 */
async function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await writeFile(handle, text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const folder = await open(spec.dir, 'r').catch(() => undefined);
  if (folder) {
    await folder.sync().catch(() => undefined);
    await folder.close();
  }
}
