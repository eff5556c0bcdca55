import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coreUrl, main, requireBuiltCli, writeAgeIncome, zodUrl } from './__tests__/builtCli.js';

// End to end: the built command in a real process, with a plugin file (loaded by path) whose sink's
// publish never settles: once abandoned at its deadline, once killed with SIGKILL while it hangs.

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-delivery-'));
  writeAgeIncome(dir, 300, 15);
  // `never`: publish and flush return promises that never settle and hold nothing else (no timer, no
  // socket), so without deadlines Node would find its event loop empty and exit 13 with no output.
  // With `tap: true` it first writes the points it was given to tapped.jsonl (synchronously).
  writeFileSync(
    join(dir, 'plugin.mjs'),
    `import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin, defineProvider } from '${coreUrl}';
import { z } from '${zodUrl}';

export default definePlugin({
  name: 'never-settles',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'never',
      description: 'a publish that never settles',
      options: z.object({ tap: z.boolean().default(false) }).strict(),
      create: (options, context) => ({
        type: 'never',
        publish(points) {
          if (options.tap) appendFileSync(join(context.baseDir, 'tapped.jsonl'), points.map((p) => JSON.stringify(p) + '\\n').join(''));
          return new Promise(() => {});
        },
        flush: () => new Promise(() => {}),
      }),
    }),
  ],
});
`,
  );
});

const config = (name: string, sinks: string, providers = '') => {
  writeFileSync(
    join(dir, name),
    `version: 1
store: { type: files, path: .driftwatch }
plugins: [./plugin.mjs]
${providers}
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
${sinks}
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
  );
  return name;
};

const readLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
const driftwatch = (...args: string[]) =>
  spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('a run whose sink never settles', () => {
  it('is abandoned at providers.timeout: output printed, run recorded with the failed sink, lock released, exit 4', () => {
    const file = config('never.yaml', '  - { type: never }', 'providers: { timeout: 1s, lifecycleTimeout: 1s }');
    const started = Date.now();
    const r = driftwatch('run', '--config', file);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stdout).toMatch(/^Monitor credit — run (\S+)\n/);
    const runId = /^Monitor credit — run (\S+)\n/.exec(r.stdout)![1]!;
    const points = readLines(join(dir, 'out/metrics.jsonl')).map((l) => JSON.parse(l));
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.runId === runId)).toBe(true);
    const n = points.length;
    expect(r.stdout).toContain(
      `\n${n} points: sinks[0] (jsonl) ${n} sent; sinks[1] (never) 0 sent, ${n} pending in the outbox; recorded as drift\n`,
    );
    expect(r.stderr).toContain(
      `driftwatch: monitor credit: sink sinks[1] (never) failed: never publish did not finish within 1s; abandoned; ${n} point(s) kept in the outbox`,
    );
    const history = JSON.parse(driftwatch('history', '--config', file, '--format', 'json').stdout);
    expect(history.runs[0]).toMatchObject({ id: runId, status: 'drift', failedSinks: 1 });
    expect(readdirSync(join(dir, '.driftwatch/locks')).filter((f) => f.startsWith('monitor-'))).toEqual([]);
  }, 120_000);
});

describe('a run killed after publishing, before it finished', () => {
  it('left a run record that history shows as started, then (after the next run) interrupted; its points carry its id', async () => {
    const file = config('tap.yaml', '  - { type: never, tap: true }', 'providers: { timeout: 10m }');
    const child = spawn(process.execPath, [main, 'run', '--config', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    let ended = false;
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_, signal) => {
        ended = true;
        done(signal);
      }),
    );
    const tapped = join(dir, 'tapped.jsonl');
    const deadline = Date.now() + 30_000;
    while (readLines(tapped).length === 0) {
      if (ended || Date.now() > deadline) throw new Error(`the run never published; stderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const points = readLines(tapped).map((l) => JSON.parse(l));
    const runId = points[0].runId as string;
    expect(runId).toMatch(/-credit-/);
    expect(points.every((p) => p.runId === runId && !('run' in p.dimensions))).toBe(true);
    const before = JSON.parse(driftwatch('history', '--config', file, '--format', 'json').stdout);
    expect(before.runs.find((x: { id: string }) => x.id === runId)).toMatchObject({ id: runId, monitor: 'credit', status: 'started' });
    const table = driftwatch('history', '--config', file).stdout;
    expect(table).toMatch(/credit\s+started\s+—/);

    // The monitor's next run (without the hanging sink) holds the lock, so the killed run cannot be running.
    const next = driftwatch('run', '--config', config('plain.yaml', ''));
    expect(next.status, next.stderr).toBe(0);
    const after = JSON.parse(driftwatch('history', '--config', file, '--format', 'json').stdout);
    expect(after.runs.find((x: { id: string }) => x.id === runId)).toMatchObject({ status: 'interrupted', driftShare: null });
    expect(after.runs[0].status).toBe('drift');
  }, 120_000);
});
