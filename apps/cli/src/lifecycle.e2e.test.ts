import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coreUrl, main, requireBuiltCli, writeAgeIncome, zodUrl } from './__tests__/builtCli.js';

// End to end: the built command in a real process, with a plugin file the config loads by path.

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-lifecycle-'));
  writeAgeIncome(dir, 300, 15);
  // A sink that buffers points and writes them on flush; its publish waits on a backend that never
  // answers until the process is told to stop. Every lifecycle call is recorded in lifecycle.log.
  writeFileSync(
    join(dir, 'plugin.mjs'),
    `import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin, defineProvider } from '${coreUrl}';
import { z } from '${zodUrl}';

const record = (context, line) => appendFileSync(join(context.baseDir, 'lifecycle.log'), line + '\\n');

export default definePlugin({
  name: 'lifecycle-probe',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'buffered',
      description: 'buffers points; its publish waits until the process stops',
      options: z.object({ path: z.string(), failStart: z.enum(['no', 'plain-object']).default('no') }).strict(),
      create: (options, context) => {
        let pending = [];
        return {
          type: 'buffered',
          start() {
            record(context, 'start');
            // What a plugin with no (or another) copy of @driftwatch/core can throw: only the code says what it is.
            if (options.failStart === 'plain-object') throw { code: 'PROVIDER_FAILED', message: 'buffered start: backend refused the credentials' };
          },
          async publish(points) {
            pending.push(...points);
            record(context, 'publish ' + points.length);
            // A backend that does not answer: a pending request (here a timer) keeps the process alive.
            const request = setInterval(() => {}, 1000);
            await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
            clearInterval(request);
            record(context, 'aborted');
            throw context.signal.reason;
          },
          async flush() {
            record(context, 'flush ' + pending.length);
            if (pending.length > 0) appendFileSync(join(context.baseDir, options.path), pending.map((p) => JSON.stringify(p) + '\\n').join(''));
            pending = [];
          },
          shutdown() {
            record(context, 'shutdown');
          },
        };
      },
    }),
  ],
});
`,
  );
});

const config = (name: string, failStart = 'no') => {
  writeFileSync(
    join(dir, name),
    `version: 1
plugins: [./plugin.mjs]
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
  - { type: buffered, path: out/buffered.jsonl, failStart: ${failStart} }
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
  );
  return name;
};

const readLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('provider lifecycle in the driftwatch process', () => {
  it('SIGTERM during a run: providers are aborted, flushed and shut down, and the process exits 143', async () => {
    const child = spawn(process.execPath, [main, 'run', '--config', config('sigterm.yaml')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    let ended = false;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on('exit', (code, signal) => {
        ended = true;
        r({ code, signal });
      }),
    );
    // Wait until the buffered sink holds the run's points (its publish is waiting), then stop the process.
    const log = join(dir, 'lifecycle.log');
    const deadline = Date.now() + 30_000;
    while (!readLines(log).some((l) => l.startsWith('publish'))) {
      if (ended || Date.now() > deadline) throw new Error(`the run never published; stderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect({ code, signal }, stderr).toEqual({ code: 143, signal: null });
    expect(stderr).toContain('driftwatch: SIGTERM: flushing and shutting down providers');
    const calls = readLines(log);
    expect(calls[0]).toBe('start');
    expect(calls[1]).toMatch(/^publish \d+$/);
    const published = Number(calls[1].split(' ')[1]);
    expect(published).toBeGreaterThan(0);
    // The abort reached the provider, then the runtime flushed what it held and shut it down.
    expect(calls.slice(2)).toEqual(expect.arrayContaining(['aborted', `flush ${published}`, 'shutdown']));
    expect(calls.indexOf(`flush ${published}`)).toBeLessThan(calls.indexOf('shutdown'));
    expect(readLines(join(dir, 'out/buffered.jsonl'))).toHaveLength(published);
    // The file sink next to it had published and flushed the same points.
    expect(readLines(join(dir, 'out/metrics.jsonl'))).toHaveLength(published);
  }, 60_000);

  it('a plugin that throws a plain object with a PROVIDER_ code exits 4 (classified by the code), after shutting providers down', () => {
    const log = join(dir, 'lifecycle.log');
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, [main, 'run', '--config', config('plain.yaml', 'plain-object')], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toContain('driftwatch: error: buffered start: backend refused the credentials');
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.status, r.stderr).toBe(4);
    expect(readLines(log)).toEqual(['start', 'flush 0', 'shutdown']);
  });
});
