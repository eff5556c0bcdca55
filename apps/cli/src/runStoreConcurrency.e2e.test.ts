import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The files run store shared by processes running at once: the built packages
// (`pnpm build` first), real processes, one store folder.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const pluginLocal = join(root, 'packages/plugin-local/dist/index.js');

vi.setConfig({ testTimeout: 180_000 });

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], cwd: string): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('error', fail);
    child.once('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Saves `runs` runs of monitor `name`, listing the history after each (as `history` does); warnings go to stderr. */
const writer = `
import { FileRunStore } from ${JSON.stringify(pathToFileURL(pluginLocal).href)};
const [dir, name, runs] = process.argv.slice(2);
const store = new FileRunStore(dir);
for (let i = 0; i < Number(runs); i++) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  await store.saveRun({ id: name + '-' + i, monitor: name, startedAt: at, finishedAt: at, status: 'ok', result: {} });
  await store.listRuns({ monitor: name });
}
`;

let base: string;
beforeAll(() => {
  if (!existsSync(main) || !existsSync(pluginLocal)) throw new Error('the built CLI is missing: run "pnpm build" first');
  base = mkdtempSync(join(tmpdir(), 'dw-store-conc-'));
  writeFileSync(join(base, 'writer.mjs'), writer);
});

const indexIds = (store: string): string[] =>
  JSON.parse(readFileSync(join(store, 'index.json'), 'utf8'))
    .runs.map((e: { id: string }) => e.id)
    .sort();
const fileIds = (store: string): string[] =>
  readdirSync(join(store, 'runs'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

describe('the files run store under concurrency', () => {
  it('8 processes x 10 runs: the index lists every run file, with no repair warning', async () => {
    const store = join(base, 'store');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, p) => start([join(base, 'writer.mjs'), store, `monitor-${p}`, '10'], base)),
    );
    for (const r of results) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(fileIds(store)).toHaveLength(80);
    expect(indexIds(store)).toEqual(fileIds(store));
    expect(readdirSync(store).sort()).toEqual(['index.json', 'runs']);
  });

  it('4 driftwatch runs of 4 monitors at once: 4 run files, 4 index entries, history without a repair warning', async () => {
    const dir = join(base, 'cli');
    mkdirSync(join(dir, 'data'), { recursive: true });
    const rows = (shift: number) => Array.from({ length: 100 }, (_, i) => `${(i % 30) + shift},${['a', 'b'][i % 2]}`).join('\n');
    writeFileSync(join(dir, 'data/ref.csv'), `x,c\n${rows(0)}\n`);
    writeFileSync(join(dir, 'data/cur.csv'), `x,c\n${rows(5)}\n`);
    const monitors = ['a', 'b', 'c', 'd'];
    writeFileSync(
      join(dir, 'driftwatch.yaml'),
      `version: 1\nstore: { type: files, path: .driftwatch }\nmonitors:\n${monitors.map((m) => `  - { name: ${m}, reference: { path: data/ref.csv }, current: { path: data/cur.csv } }\n`).join('')}`,
    );
    const runs = await Promise.all(monitors.map((m) => start([main, 'run', '--monitor', m], dir)));
    for (const r of runs) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    const store = join(dir, '.driftwatch');
    expect(fileIds(store)).toHaveLength(4);
    expect(indexIds(store)).toEqual(fileIds(store));
    const history = await start([main, 'history', '--format', 'json'], dir);
    expect(history.status, history.stderr).toBe(0);
    expect(history.stderr).toBe('');
    expect(JSON.parse(history.stdout).runs).toHaveLength(4);
  });
});
