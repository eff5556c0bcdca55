import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// End to end: the built CLI (`pnpm build` first), killed with SIGKILL at every
// state of a retraining attempt (a preload kills it the moment the state is on
// disk), then run again. A tiny trainer appends its job key to trainings.log,
// so the test counts trainings; a tiny evaluator predicts the labels, so every
// attempt that gets to the end is deployed.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const killAtState = join(root, 'apps/cli/src/__fixtures__/killAtState.mjs');

vi.setConfig({ testTimeout: 600_000 });

interface Result {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const trainer = `import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
appendFileSync('trainings.log', process.env.DRIFTWATCH_JOB_KEY + '\\n');
const finish = () => writeFileSync(join(process.env.DRIFTWATCH_OUTPUT_DIR, 'model.json'), JSON.stringify({ key: process.env.DRIFTWATCH_JOB_KEY }));
const until = process.env.DW_TRAIN_UNTIL;
if (until === undefined) finish();
else {
  const wait = setInterval(() => { if (existsSync(until)) { clearInterval(wait); finish(); } }, 20);
}
`;

const evaluator = `import { readFileSync, renameSync, writeFileSync } from 'node:fs';
const [header, ...rows] = readFileSync(process.env.DRIFTWATCH_INPUT, 'utf8').trimEnd().split('\\n');
const target = header.split(',').indexOf(process.env.DRIFTWATCH_TARGET);
const out = process.env.DRIFTWATCH_PREDICTIONS;
writeFileSync(out + '.tmp', 'prediction\\n' + rows.map((r) => r.split(',')[target]).join('\\n') + '\\n');
renameSync(out + '.tmp', out);
`;

let base: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first`);
  base = mkdtempSync(join(tmpdir(), 'dw-crash-'));
});

/** A fresh project folder: drifting data, the trainer and evaluator above, a config. */
function project(name: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, 'data'), { recursive: true });
  const rows = (shift: number) =>
    Array.from({ length: 200 }, (_, i) => `${i},${((i * 7) % 40) + shift},${['a', 'b', 'c'][i % 3]},${i % 2}`).join('\n');
  writeFileSync(join(dir, 'data/ref.csv'), `id,x,c,label\n${rows(0)}\n`);
  writeFileSync(join(dir, 'data/cur.csv'), `id,x,c,label\n${rows(25)}\n`);
  writeFileSync(join(dir, 'train.mjs'), trainer);
  writeFileSync(join(dir, 'predict.mjs'), evaluator);
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
store: { type: files, path: .driftwatch }
monitors:
  - name: m
    reference: { path: data/ref.csv }
    current: { path: data/cur.csv }
    schema: { target: label, id: id }
    drift: { datasetShare: 0.3 }
    retraining:
      when: { drift: true }
      trainer: { type: command, command: ["${process.execPath}", train.mjs], timeout: 1m }
      evaluator: { type: command, command: ["${process.execPath}", predict.mjs] }
      gate: { metric: accuracy, maxLoss: 0.01 }
      postDeploy: { floors: { accuracy: 0.5 } }
      timeouts: { poll: 20, pollMax: 100 }
`,
  );
  return dir;
}

function driftwatch(dir: string, args: string[], env: Record<string, string> = {}, preload?: string): Result {
  const r = spawnSync(process.execPath, [...(preload ? ['--import', preload] : []), main, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const json = (r: Result) => {
  if (r.stdout.trim() === '') throw new Error(`no output (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
};

interface Attempt {
  id: string;
  key: string;
  state: string;
  training?: { jobId: string };
  transitions: { to: string }[];
}

function attempts(dir: string): Attempt[] {
  const folder = join(dir, '.driftwatch/attempts');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Attempt);
}

/** Job keys in the order the trainer ran them. */
function trainings(dir: string): string[] {
  const file = join(dir, 'trainings.log');
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : [];
}

/** Every attempt trained exactly once (the job key is the attempt's key). */
function expectOneTrainingPerAttempt(dir: string): void {
  const keys = attempts(dir)
    .filter((a) => a.training !== undefined)
    .map((a) => a.key)
    .sort();
  expect([...trainings(dir)].sort()).toEqual(keys);
}

// `training`: before the job started; `training+job`: its job started (and finished meanwhile, unwatched).
const states = ['triggered', 'collecting', 'training', 'training+job', 'registering', 'evaluating', 'gated', 'deploying', 'verifying'];

describe('retrain killed (SIGKILL) at every state of an attempt, then run again', () => {
  it('resumes the attempt to its end and starts none: one training per attempt, one attempt per request', () => {
    const dir = project('retrain');
    for (const [i, state] of states.entries()) {
      const killed = driftwatch(dir, ['retrain', 'm'], { DW_KILL_AT: state }, killAtState);
      expect(killed.signal, `${state}: ${killed.stderr}`).toBe('SIGKILL');
      const left = attempts(dir).find((a) => a.state === state.split('+')[0]);
      expect(left, `the attempt was left ${state}`).toBeDefined();

      const again = driftwatch(dir, ['retrain', 'm', '--format', 'json']);
      expect(again.status, `${state}: ${again.stderr}`).toBe(0);
      const outcome = json(again);
      expect(outcome.resumed.map((a: Attempt) => [a.id, a.state])).toEqual([[left?.id, 'deployed']]);
      expect(outcome.attempt).toBeUndefined();
      expect(outcome.decision.blockedBy.at(-1)).toMatch(/^resumed unfinished attempt \S+ instead of starting another/);
      // One attempt per request: the killed one, resumed, and no other.
      expect(attempts(dir), state).toHaveLength(i + 1);
      expect(attempts(dir).every((a) => a.state === 'deployed')).toBe(true);
      expectOneTrainingPerAttempt(dir);
    }
    expect(trainings(dir)).toHaveLength(states.length);
    const registry = JSON.parse(readFileSync(join(dir, '.driftwatch/models/m/registry.json'), 'utf8'));
    expect(registry.versions).toHaveLength(states.length);

    // Asked for explicitly, after a crash: the unfinished attempt, then a new one.
    const killed = driftwatch(dir, ['retrain', 'm'], { DW_KILL_AT: 'collecting' }, killAtState);
    expect(killed.signal).toBe('SIGKILL');
    const both = json(driftwatch(dir, ['retrain', 'm', '--new', '--format', 'json']));
    expect(both.resumed.map((a: Attempt) => a.state)).toEqual(['deployed']);
    expect(both.attempt.state).toBe('deployed');
    expect(attempts(dir)).toHaveLength(states.length + 2);
    expectOneTrainingPerAttempt(dir);
  });

  it('run with retraining: a run killed mid-attempt is followed by one that resumes it and starts none', () => {
    const dir = project('run');
    const killed = driftwatch(dir, ['run'], { DW_KILL_AT: 'training' }, killAtState);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const again = driftwatch(dir, ['run', '--format', 'json']);
    expect(again.status, again.stderr).toBe(0);
    const run = json(again);
    expect(run.status).toBe('drift');
    expect(run.retraining.resumed.map((a: Attempt) => a.state)).toEqual(['deployed']);
    expect(run.retraining.attempt).toBeUndefined();
    expect(attempts(dir)).toHaveLength(1);
    expect(trainings(dir)).toHaveLength(1);
    // Nothing left unfinished: the next drifting run retrains again, as its policy says.
    const next = json(driftwatch(dir, ['run', '--format', 'json']));
    expect(next.retraining.attempt.state).toBe('deployed');
    expect(attempts(dir)).toHaveLength(2);
    expectOneTrainingPerAttempt(dir);
  });
});

describe('a kill during training loses nothing', () => {
  const jobDir = (dir: string, a: Attempt) => join(dir, '.driftwatch/training', a.training!.jobId);

  it('the job finishes while nobody watches, its supervisor records it, and the next retrain adopts the model', async () => {
    const dir = project('unwatched');
    const release = join(dir, 'release');
    const killed = driftwatch(dir, ['retrain', 'm'], { DW_KILL_AT: 'training+job', DW_TRAIN_UNTIL: release }, killAtState);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const [left] = attempts(dir);
    expect(left?.state).toBe('training');
    const job = jobDir(dir, left!);
    // The trainer runs on, with nobody watching it; it finishes when told.
    await waitFor(() => trainings(dir).length === 1);
    expect(existsSync(join(job, 'result.json'))).toBe(false);
    writeFileSync(release, '');
    await waitFor(() => existsSync(join(job, 'result.json')));
    expect(JSON.parse(readFileSync(join(job, 'result.json'), 'utf8'))).toMatchObject({
      state: 'succeeded',
      artifactUri: join(job, 'output'),
      exitCode: 0,
    });

    const again = driftwatch(dir, ['retrain', 'm', '--format', 'json']);
    expect(again.status, again.stderr).toBe(0);
    const [resumed] = json(again).resumed;
    expect(resumed.state).toBe('deployed');
    expect(resumed.training.artifactUri).toBe(join(job, 'output'));
    expect(resumed.transitions.map((t: { to: string }) => t.to)).toEqual(states.filter((s) => !s.includes('+')).concat('deployed'));
    // The version deployed is the model that job wrote; it was trained once.
    const model = readFileSync(join(dir, '.driftwatch/models/m/versions/1/model.json'), 'utf8');
    expect(JSON.parse(model)).toEqual({ key: left!.key });
    expect(trainings(dir)).toEqual([left!.key]);
    expect(attempts(dir)).toHaveLength(1);
  });

  it('a retrain started while the job still runs polls it to its end and trains nothing again', async () => {
    const dir = project('running');
    const release = join(dir, 'release');
    const killed = driftwatch(dir, ['retrain', 'm'], { DW_KILL_AT: 'training+job', DW_TRAIN_UNTIL: release }, killAtState);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    await waitFor(() => trainings(dir).length === 1);
    const again = start(dir, ['retrain', 'm', '--format', 'json']);
    // It watches the job it adopted (the job's log is its own), then the job ends.
    await waitFor(() => /training: job \S+ running/.test(again.stderr()));
    writeFileSync(release, '');
    const r = await again.done;
    expect(r.status, r.stderr).toBe(0);
    expect(json(r).resumed.map((a: Attempt) => a.state)).toEqual(['deployed']);
    expect(trainings(dir)).toHaveLength(1);
    expect(attempts(dir)).toHaveLength(1);
  });
});

/** Polls `condition` every 20 ms, for up to 60 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${condition}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The CLI in the background: its stderr so far, and its result once it ended. */
function start(dir: string, args: string[]): { stderr: () => string; done: Promise<Result> } {
  const child = spawn(process.execPath, [main, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Result>((resolve) => child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { stderr: () => stderr, done };
}

describe('another process holds the lock', () => {
  it('says so on stderr, never on stdout, and exits 5 (retrain) or records the run with the outcome (run)', () => {
    const dir = project('locked');
    const hold = (name: string) => {
      mkdirSync(join(dir, '.driftwatch/locks'), { recursive: true });
      // This test's own process: alive, on this machine, so the lock holds.
      const holder = { owner: 'another-process', pid: process.pid, host: hostname(), expiresAt: Date.now() + 3_600_000 };
      writeFileSync(join(dir, '.driftwatch/locks', `${name}.lock`), JSON.stringify(holder));
      return () => rmSync(join(dir, '.driftwatch/locks', `${name}.lock`));
    };
    const release = hold('retrain-m');
    for (const format of ['table', 'json']) {
      const r = driftwatch(dir, ['retrain', 'm', '--format', format]);
      expect(r.status, r.stderr).toBe(5);
      expect(r.stderr).toMatch(
        /^driftwatch: error: retraining of m could not start: retraining of model m is locked by another process \(lock retrain-m\)/m,
      );
      // The JSON document carries the outcome's error as data; the table has nothing else to show.
      if (format === 'json') expect(json(r).error.code).toBe('STATE_CONFLICT');
      else expect(r.stdout).toBe('');
    }
    const run = driftwatch(dir, ['run']);
    expect(run.stderr).toMatch(/^driftwatch: monitor m: retraining of m could not start: .*locked by another process/m);
    expect(run.stdout).toMatch(/Monitor m — run/);
    expect(run.stdout).not.toMatch(/lock|another process/);
    release();

    const releaseMonitor = hold('monitor-m');
    const busy = driftwatch(dir, ['run']);
    expect(busy.status).toBe(5);
    expect(busy.stderr).toMatch(/monitor "m" is being run by another process \(lock "monitor-m"\)/);
    expect(busy.stdout).toBe('');
    releaseMonitor();
    expect(attempts(dir)).toEqual([]);
  });
});
