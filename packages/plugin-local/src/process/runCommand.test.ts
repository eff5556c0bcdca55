import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, runCommand, startCommand } from './runCommand.js';

const node = process.execPath;
const tempDir = () => mkdtemp(join(tmpdir(), 'dw-run-'));

describe('runCommand', () => {
  it('runs an argv without a shell, with env over process.env and a cwd, appending output to the log', async () => {
    const dir = await tempDir();
    const log = join(dir, 'logs', 'run.log');
    await writeFile(join(dir, 'here.txt'), 'from cwd');
    const script = `console.log(process.env.DW_GREETING, process.env.PATH ? 'path' : 'nopath'); console.error(require('fs').readFileSync('here.txt','utf8')); process.exit(3)`;
    const first = await runCommand({ command: [node, '-e', script], env: { DW_GREETING: 'hello $HOME' }, cwd: dir, logFile: log });
    expect(first).toMatchObject({ exitCode: 3, signal: null, timedOut: false, stopped: false, logTail: 'hello $HOME path\nfrom cwd' });
    expect(describeFailure(first)).toBe('exit status 3: hello $HOME path\nfrom cwd');
    // A second run appends to the log, and its tail holds only its own lines.
    const second = await runCommand({ command: `"${node}" -e "console.log(1+1)" && echo "$DW_X"`, env: { DW_X: 'shell' }, logFile: log });
    expect(second).toMatchObject({ exitCode: 0, logTail: '2\nshell' });
    expect(await readFile(log, 'utf8')).toBe('hello $HOME path\nfrom cwd\n2\nshell\n');
  });

  it('keeps only the last lines of a long log in the tail', async () => {
    const dir = await tempDir();
    const outcome = await runCommand({
      command: [node, '-e', 'for (let i = 1; i <= 50; i++) console.log("line " + i)'],
      logFile: join(dir, 'l.log'),
    });
    const tail = outcome.logTail.split('\n');
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('line 31');
    expect(tail[19]).toBe('line 50');
  });

  it('times out: SIGTERM, then SIGKILL for a command that ignores it', async () => {
    const dir = await tempDir();
    const stubborn = `process.on('SIGTERM', () => console.log('ignoring TERM')); console.log('started'); setInterval(() => {}, 1000)`;
    // 2 s: the child must have installed its SIGTERM handler before the deadline, even on a loaded machine.
    const outcome = await runCommand({ command: [node, '-e', stubborn], logFile: join(dir, 't.log'), timeoutMs: 2_000, killGraceMs: 200 });
    expect(outcome).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
    expect(outcome.logTail).toBe('started\nignoring TERM');
    expect(describeFailure(outcome, 2_000)).toBe('timed out after 2s: started\nignoring TERM');
  });

  it('stops the whole process group of a shell command, children that ignore SIGTERM included', async () => {
    const dir = await tempDir();
    const pidFile = join(dir, 'child.pid');
    const child = `process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.argv[2], String(process.pid)); setInterval(() => {}, 1000)`;
    await writeFile(join(dir, 'child.js'), child);
    const running = startCommand({
      command: `"${node}" child.js "${pidFile}"; echo after`,
      cwd: dir,
      logFile: join(dir, 'g.log'),
      killGraceMs: 5_000,
    });
    await waitFor(async () => (await readFile(pidFile, 'utf8')) !== '');
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(true);
    const outcome = await running.stop();
    // The shell ends on SIGTERM at once (no 5 s grace wait); its child, which ignores SIGTERM, is killed with it.
    expect(outcome).toMatchObject({ stopped: true, signal: 'SIGTERM', logTail: '' });
    expect(outcome.durationMs).toBeLessThan(5_000);
    await waitFor(async () => !isAlive(pid));
  });

  it('is stopped on request and by an abort signal', async () => {
    const dir = await tempDir();
    const running = startCommand({ command: [node, '-e', 'console.log("up"); setInterval(() => {}, 1000)'], logFile: join(dir, 's.log') });
    expect(running.pid).toBeGreaterThan(0);
    // Wait for the child to be up (its line in the log) before stopping it.
    await waitFor(async () => (await readFile(join(dir, 's.log'), 'utf8')).includes('up'));
    const outcome = await running.stop();
    expect(outcome).toMatchObject({ stopped: true, timedOut: false, signal: 'SIGTERM' });

    const controller = new AbortController();
    controller.abort();
    const aborted = await runCommand({
      command: [node, '-e', 'setInterval(() => {}, 1000)'],
      logFile: join(dir, 'a.log'),
      signal: controller.signal,
    });
    expect(aborted.stopped).toBe(true);
  });

  it('reports a program that does not exist', async () => {
    const dir = await tempDir();
    const outcome = await runCommand({ command: [join(dir, 'no-such-program')], logFile: join(dir, 'x.log') });
    expect(outcome.exitCode).toBeNull();
    expect(describeFailure(outcome)).toMatch(/^could not start: spawn .*no-such-program ENOENT/);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed child not yet reaped by its new parent is a zombie: dead.
  return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Polls a condition (a child process's progress, which no clock can drive) for up to 10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}
