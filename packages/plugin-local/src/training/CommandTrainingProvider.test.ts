import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redactor, type TrainingJob, type TrainingRequest, type TrainingStatus } from '@driftwatch/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandTrainingProvider, upperSnake } from './CommandTrainingProvider.js';

const node = process.execPath;
const supervisorScript = fileURLToPath(new URL('../../supervisor/trainingSupervisor.mjs', import.meta.url));
const request = (key: string, extra: Partial<TrainingRequest> = {}): TrainingRequest => ({
  model: 'credit',
  dataUri: '/data/train.csv',
  validationUri: '/data/validation.csv',
  parameters: { target: 'default', learningRate: '0.1', 'max-depth': '6' },
  key,
  ...extra,
});

const setup = async (
  script: string,
  extra: { timeoutMs?: number; env?: Record<string, string>; redact?: (text: string) => string } = {},
) => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-train-'));
  await writeFile(join(dir, 'train.js'), script);
  const provider = new CommandTrainingProvider({
    command: [node, 'train.js'],
    cwd: dir,
    workDir: join(dir, 'jobs'),
    killGraceMs: 200,
    ...extra,
  });
  return { dir, provider };
};

/** Polls `status` (cheap, as the orchestrator does) until a final state. */
const settle = async (provider: CommandTrainingProvider, job: TrainingJob): Promise<TrainingStatus> => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const status = await provider.status(job);
    if (status.state !== 'running' && status.state !== 'pending') return status;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the job never ended');
};

const waitForFile = async (file: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (
      await readFile(file).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${file} never appeared`);
};

const spawned: ChildProcess[] = [];
afterEach(() => {
  for (const child of spawned.splice(0)) child.kill('SIGKILL');
});

describe('CommandTrainingProvider', () => {
  it('runs the command in the background with the job variables, and reports its artifact when it wrote one', async () => {
    // Records its environment, then waits for a "go" file so the test sees it running.
    const { dir, provider } = await setup(
      `
      const fs = require('fs'), path = require('path');
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DRIFTWATCH_') || k === 'EXTRA'));
      fs.appendFileSync('runs.txt', 'run\\n');
      fs.writeFileSync(path.join(process.env.DRIFTWATCH_OUTPUT_DIR, 'model.json'), JSON.stringify(env));
      console.log('training', process.env.DRIFTWATCH_MODEL);
      const wait = setInterval(() => { if (fs.existsSync('go')) { clearInterval(wait); console.log('done'); } }, 5);
    `,
      { env: { EXTRA: 'yes' } },
    );
    const job = await provider.submit(request('attempt-1'));
    const jobDir = join(dir, 'jobs', 'attempt-1');
    expect(job).toEqual({ id: 'attempt-1', provider: 'command', logUri: join(jobDir, 'train.log') });
    await waitForFile(join(jobDir, 'output', 'model.json'));
    expect(await provider.status(job)).toEqual({ state: 'running', logUri: job.logUri });
    // Starting again with the key while it runs is the same job (one process).
    expect(await provider.submit(request('attempt-1'))).toEqual(job);
    await writeFile(join(dir, 'go'), '');

    const status = await settle(provider, job);
    expect(status).toEqual({ state: 'succeeded', artifactUri: join(jobDir, 'output'), logUri: job.logUri });
    expect(JSON.parse(await readFile(join(jobDir, 'output', 'model.json'), 'utf8'))).toEqual({
      DRIFTWATCH_TRAIN_DATA: '/data/train.csv',
      DRIFTWATCH_VALIDATION_DATA: '/data/validation.csv',
      DRIFTWATCH_OUTPUT_DIR: join(jobDir, 'output'),
      DRIFTWATCH_MODEL: 'credit',
      DRIFTWATCH_JOB_KEY: 'attempt-1',
      DRIFTWATCH_PARAMS: '{"target":"default","learningRate":"0.1","max-depth":"6"}',
      DRIFTWATCH_PARAM_TARGET: 'default',
      DRIFTWATCH_PARAM_LEARNING_RATE: '0.1',
      DRIFTWATCH_PARAM_MAX_DEPTH: '6',
      EXTRA: 'yes',
    });
    expect(await readFile(job.logUri!, 'utf8')).toMatch(
      /^--- driftwatch: training credit \(job attempt-1\) started at .*\ntraining credit\ndone\n$/,
    );
    expect(JSON.parse(await readFile(join(jobDir, 'result.json'), 'utf8'))).toMatchObject({
      state: 'succeeded',
      finishedAt: expect.any(String),
    });

    // A finished job survives a restart (a new provider reads result.json), and its key does not train again.
    const later = new CommandTrainingProvider({ command: [node, 'train.js'], cwd: dir, workDir: join(dir, 'jobs') });
    expect(await later.status(job)).toEqual(status);
    expect(await later.submit(request('attempt-1'))).toEqual(job);
    expect(await later.status(job)).toEqual(status);
    expect(await readFile(join(dir, 'runs.txt'), 'utf8')).toBe('run\n');
  });

  it('fails with the exit status and the log tail', async () => {
    const { provider } = await setup(`console.log('loading data'); console.error('KeyError: target'); process.exit(3)`);
    const status = await settle(provider, await provider.submit(request('bad-exit')));
    expect(status).toMatchObject({ state: 'failed', reason: 'exit status 3: loading data\nKeyError: target' });
  });

  it('keeps secrets out of the log, the status and result.json of a failing trainer that prints its environment', async () => {
    const inherited = 'wJalrXUtnFEMI-inherited-secret';
    const configured = 'cfg-token-from-options-42';
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = inherited;
    try {
      const redactor = Redactor.fromEnv(process.env).add(configured);
      const { dir, provider } = await setup(
        `console.log(JSON.stringify(process.env)); console.error('POST https://x.test/?token=' + process.env.API_TOKEN); process.exit(2)`,
        { env: { API_TOKEN: configured }, redact: (t) => redactor.text(t) },
      );
      const job = await provider.submit(request('leaky'));
      const status = await settle(provider, job);
      expect(status.state).toBe('failed');
      expect(status.reason).toMatch(/^exit status 2: /);
      expect(status.reason).toContain('POST https://x.test/?token=***');
      const written = [
        status.reason,
        await readFile(job.logUri!, 'utf8'),
        await readFile(join(dir, 'jobs', 'leaky', 'result.json'), 'utf8'),
        JSON.stringify(await new CommandTrainingProvider({ command: [node], workDir: join(dir, 'jobs') }).status(job)),
      ].join('\n');
      expect(written).toContain('"AWS_SECRET_ACCESS_KEY":"***"');
      expect(written).not.toContain(inherited);
      expect(written).not.toContain(configured);
    } finally {
      if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
  });

  it('adopts a job that finished while nobody watched with its log, reason and result.json redacted', async () => {
    const configured = 'cfg-token-unwatched-77';
    const redactor = Redactor.fromEnv({}).add(configured);
    const { dir, provider } = await setup(`console.log('token ' + process.env.API_TOKEN); process.exit(3)`, {
      env: { API_TOKEN: configured },
    });
    // The process that started it went away without redacting (no redactor here); a later one adopts it.
    const job = await provider.submit(request('unwatched'));
    await settle(provider, job);
    expect(await readFile(job.logUri!, 'utf8')).toContain(configured);
    const later = new CommandTrainingProvider({ command: [node], workDir: join(dir, 'jobs'), redact: (t) => redactor.text(t) });
    const status = await later.status(job);
    expect(status).toMatchObject({ state: 'failed', reason: 'exit status 3: token ***' });
    const written = `${await readFile(job.logUri!, 'utf8')}${await readFile(join(dir, 'jobs', 'unwatched', 'result.json'), 'utf8')}`;
    expect(written).not.toContain(configured);
    expect(written).toContain('token ***');
  });

  it('fails a command that exits 0 without writing to its output folder', async () => {
    const { dir, provider } = await setup(`console.log('nothing to save')`);
    const status = await settle(provider, await provider.submit(request('empty')));
    expect(status.state).toBe('failed');
    expect(status.reason).toBe(
      `the command exited 0 but wrote nothing to DRIFTWATCH_OUTPUT_DIR (${join(dir, 'jobs', 'empty', 'output')}): nothing to save`,
    );
  });

  it('fails a command killed by a signal, and one that runs out of time', async () => {
    const { provider } = await setup(`console.log('oom'); process.kill(process.pid, 'SIGKILL')`);
    expect(await settle(provider, await provider.submit(request('killed')))).toMatchObject({
      state: 'failed',
      reason: 'killed by SIGKILL: oom',
    });

    const slow = await setup(`console.log('epoch 1'); setInterval(() => {}, 1000)`, { timeoutMs: 2_000 });
    expect(await settle(slow.provider, await slow.provider.submit(request('slow')))).toMatchObject({
      state: 'failed',
      reason: 'timed out after 2s: epoch 1',
    });
  });

  it('fails a command that cannot start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-train-'));
    const provider = new CommandTrainingProvider({ command: [join(dir, 'no-such-trainer')], workDir: join(dir, 'jobs') });
    const status = await settle(provider, await provider.submit(request('nostart')));
    expect(status.reason).toMatch(/^could not start: spawn .*no-such-trainer ENOENT/);
  });

  it('stops a job on cancel and records it', async () => {
    const { dir, provider } = await setup(`console.log('up'); setInterval(() => {}, 1000)`);
    const job = await provider.submit(request('to-cancel'));
    await waitForLine(job.logUri!, 'up');
    await provider.cancel(job);
    expect(await provider.status(job)).toMatchObject({ state: 'stopped', reason: 'cancelled: up' });
    expect(JSON.parse(await readFile(join(dir, 'jobs', 'to-cancel', 'result.json'), 'utf8')).state).toBe('stopped');
    await provider.cancel(job); // already ended: nothing to do
    expect((await provider.status(job)).state).toBe('stopped');
  });

  it('reports a job whose watcher is gone as interrupted, and one another live process watches as running', async () => {
    const { dir, provider } = await setup(`console.log('never run')`);
    const jobs = join(dir, 'jobs');
    // Started by this process (pid) but unknown to it: driftwatch restarted under the same pid, or crashed before job.json.
    await mkdir(join(jobs, 'mine', 'output'), { recursive: true });
    await writeFile(
      join(jobs, 'mine', 'job.json'),
      JSON.stringify({ key: 'mine', model: 'credit', startedAt: 'x', ownerPid: process.pid }),
    );
    await mkdir(join(jobs, 'torn'), { recursive: true });
    const dead = await deadPid();
    await mkdir(join(jobs, 'dead'), { recursive: true });
    await writeFile(join(jobs, 'dead', 'job.json'), JSON.stringify({ key: 'dead', model: 'credit', startedAt: 'x', ownerPid: dead }));
    for (const id of ['mine', 'torn', 'dead'])
      expect(await provider.status({ id, provider: 'command' })).toEqual({
        state: 'failed',
        reason: 'interrupted: the training process was not running when driftwatch looked (did driftwatch exit while it ran?)',
        logUri: join(jobs, id, 'train.log'),
      });
    expect(await provider.status({ id: 'never', provider: 'command' })).toEqual({
      state: 'failed',
      reason: `no training job "never": ${join(jobs, 'never')} does not exist`,
    });

    // Another driftwatch process (alive) watches this one: it runs, start returns it, cancel signals its training process.
    const owner = sleeper(false);
    const trainer = sleeper(true);
    await mkdir(join(jobs, 'theirs'), { recursive: true });
    await writeFile(
      join(jobs, 'theirs', 'job.json'),
      JSON.stringify({ key: 'theirs', model: 'credit', startedAt: 'x', ownerPid: owner.pid, childPid: trainer.pid }),
    );
    const theirs = await provider.submit(request('theirs'));
    expect(await provider.status(theirs)).toMatchObject({ state: 'running' });
    expect(await readdir(join(jobs, 'theirs'))).toEqual(['job.json']);
    const trainerExit = new Promise((r) => trainer.once('exit', (_code, signal) => r(signal)));
    await provider.cancel(theirs);
    expect(await trainerExit).toBe('SIGTERM');
    expect(await readdir(join(jobs, 'theirs'))).toContain('cancel.requested');

    // An interrupted job restarts on start with its key, and a cancelled interrupted one is recorded as stopped.
    const restarted = await provider.submit(request('dead'));
    expect(await settle(provider, restarted)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^the command exited 0 but wrote nothing.*: never run$/),
    });
    await provider.cancel({ id: 'torn', provider: 'command' });
    expect(await provider.status({ id: 'torn', provider: 'command' })).toMatchObject({
      state: 'stopped',
      reason: expect.stringMatching(/^cancelled after it was interrupted/),
    });
  });

  it('adopts a job whose supervisor outlived the process that started it: polls it, reads its result, never trains it again', async () => {
    // The supervisor of a driftwatch process that was killed (SIGKILL) mid-training: started here by hand, as it was there.
    const { dir, provider } = await setup(
      `const fs = require('fs'); fs.appendFileSync('runs.txt', 'run\\n'); console.log('epoch 1');
       const wait = setInterval(() => { if (fs.existsSync('go')) { clearInterval(wait); fs.writeFileSync(process.env.DRIFTWATCH_OUTPUT_DIR + '/model.json', '{}'); } }, 5);`,
    );
    const orphan = async (key: string) => {
      const jobDir = join(dir, 'jobs', key);
      await mkdir(join(jobDir, 'output'), { recursive: true });
      const spec = {
        dir: jobDir,
        command: [node, 'train.js'],
        cwd: dir,
        timeoutMs: 60_000,
        timeoutText: '1m',
        killGraceMs: 200,
        tailLines: 20,
      };
      const supervisor = spawn(node, [supervisorScript, JSON.stringify(spec)], {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, DRIFTWATCH_OUTPUT_DIR: join(jobDir, 'output') },
      });
      spawned.push(supervisor);
      const job = { key, model: 'credit', startedAt: 'x', ownerPid: await deadPid(), supervisorPid: supervisor.pid };
      await writeFile(join(jobDir, 'job.json'), JSON.stringify(job));
      await waitForLine(join(jobDir, 'train.log'), 'epoch 1');
      return { id: key, provider: 'command', logUri: join(jobDir, 'train.log') } satisfies TrainingJob;
    };

    const job = await orphan('orphan');
    expect(await provider.status(job)).toEqual({ state: 'running', logUri: job.logUri });
    // Submitting its key again joins it: it is not started a second time.
    expect(await provider.submit(request('orphan'))).toEqual(job);
    await writeFile(join(dir, 'go'), '');
    // It finishes while nobody watches: the supervisor records it.
    await waitForFile(join(dir, 'jobs', 'orphan', 'result.json'));
    expect(await provider.status(job)).toEqual({
      state: 'succeeded',
      artifactUri: join(dir, 'jobs', 'orphan', 'output'),
      logUri: job.logUri,
    });
    expect(await provider.submit(request('orphan'))).toEqual(job);
    expect(await readFile(join(dir, 'runs.txt'), 'utf8')).toBe('run\n');

    // Cancelling an adopted job stops it through its supervisor, which records it.
    await rm(join(dir, 'go'));
    const other = await orphan('orphan-2');
    await provider.cancel(other);
    expect(await provider.status(other)).toEqual({ state: 'stopped', reason: 'cancelled: epoch 1', logUri: other.logUri });

    // A supervisor that died without a result (killed): the job is interrupted, and submitting the key trains again.
    const lost = await orphan('orphan-3');
    const supervisorPid = JSON.parse(await readFile(join(dir, 'jobs', 'orphan-3', 'job.json'), 'utf8')).supervisorPid as number;
    process.kill(supervisorPid, 'SIGKILL');
    await waitFor(async () => (await provider.status(lost)).state !== 'running');
    expect(await provider.status(lost)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^interrupted: the training supervisor ended/),
    });
    // Cancelling it records it and stops its command, which nobody supervises any more.
    const trainerPid = Number(await readFile(join(dir, 'jobs', 'orphan-3', 'trainer.pid'), 'utf8'));
    await provider.cancel(lost);
    expect(await provider.status(lost)).toMatchObject({
      state: 'stopped',
      reason: expect.stringMatching(/^cancelled after it was interrupted/),
    });
    await waitFor(async () => !alive(trainerPid));
  });

  it('records the result of a job whose supervisor was killed, as interrupted', async () => {
    const { dir, provider } = await setup(`console.log('up'); setInterval(() => {}, 1000)`);
    const job = await provider.submit(request('killed-supervisor'));
    await waitForLine(job.logUri!, 'up');
    const { supervisorPid } = JSON.parse(await readFile(join(dir, 'jobs', 'killed-supervisor', 'job.json'), 'utf8'));
    process.kill(supervisorPid, 'SIGKILL');
    expect(await settle(provider, job)).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^interrupted: the training supervisor/),
    });
    expect(JSON.parse(await readFile(join(dir, 'jobs', 'killed-supervisor', 'result.json'), 'utf8')).state).toBe('failed');
    // Its command, which nobody supervises any more, was stopped.
    const trainerPid = Number(await readFile(join(dir, 'jobs', 'killed-supervisor', 'trainer.pid'), 'utf8'));
    await waitFor(async () => !alive(trainerPid));
  });

  it('refuses keys that cannot name a folder', async () => {
    const { provider } = await setup('');
    await expect(provider.submit(request('../escape'))).rejects.toThrow(/training key "..\/escape" cannot name a folder/);
  });

  it('names parameters in upper snake case', () => {
    expect(['learningRate', 'max-depth', 'n_estimators', 'target', 'l2 reg', 'useGPU2x'].map(upperSnake)).toEqual([
      'LEARNING_RATE',
      'MAX_DEPTH',
      'N_ESTIMATORS',
      'TARGET',
      'L2_REG',
      'USE_GPU2X',
    ]);
  });
});

function sleeper(detached: boolean): ChildProcess {
  const child = spawn(node, ['-e', 'setInterval(() => {}, 1000)'], { detached, stdio: 'ignore' });
  spawned.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn(node, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the condition never held');
}

async function waitForLine(file: string, line: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await readFile(file, 'utf8').catch(() => '')).split('\n').includes(line)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${file} never had "${line}"`);
}
