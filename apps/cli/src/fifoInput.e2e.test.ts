import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: a named pipe as input (issue 12 item 8). A pipe can be read once: a reader that opened the
// file twice (to sniff, then to read) hung on it. Each side is now opened once, so `check` and `run` finish.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

let dir: string;
let body: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-fifo-'));
  body = `age,city\n${Array.from({ length: 200 }, (_, i) => `${20 + (i % 40)},${'abc'[i % 3]}`).join('\n')}\n`;
  writeFileSync(
    join(dir, 'current.csv'),
    body.replace(/^(\d+)/gm, (n) => String(Number(n) + 15)),
  );
});

/** Makes a FIFO at `name` and feeds it `text` once, when a reader opens it. */
function feedFifo(name: string, text: string): Promise<void> {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return new Promise((done, fail) => {
    const out = createWriteStream(path);
    out.on('error', fail);
    out.end(text, () => done());
  });
}

/** Runs the built command; resolves with its exit status and output, or rejects when it outlives `ms`. */
function driftwatch(args: string[], ms = 60_000): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`driftwatch ${args.join(' ')} hung on the FIFO for ${ms} ms; stderr:\n${stderr}`));
    }, ms);
    child.on('exit', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}

describe.skipIf(process.platform === 'win32')('a named pipe (FIFO) as input', () => {
  it('check reads a FIFO reference once and reports the drift', async () => {
    const fed = feedFifo('reference.csv', body);
    const r = await driftwatch(['check', '-r', 'reference.csv', '-c', 'current.csv', '--format', 'json']);
    await fed;
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.reference.rows).toBe(200);
    expect(report.columns.find((c: { column: string }) => c.column === 'age').drifted).toBe(true);
  }, 90_000);

  it('run reads a monitor whose reference is a FIFO', async () => {
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      'version: 1\nmonitors:\n  - name: pipe\n    reference: { path: ref-pipe.csv }\n    current: { path: current.csv }\n',
    );
    const fed = feedFifo('ref-pipe.csv', body);
    const r = await driftwatch(['run', '--config', 'driftwatch.yaml', '--format', 'json']);
    await fed;
    expect(r.status, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout).runs ?? [JSON.parse(r.stdout)];
    expect(result.drift.reference.rows).toBe(200);
  }, 90_000);
});
