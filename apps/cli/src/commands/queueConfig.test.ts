import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@driftwatch/core';
import { loadConfig } from '@driftwatch/runtime';
import { describe, expect, it } from 'vitest';
import { builtinPlugins } from './builtinPlugins.js';

// The `queue:` section with the CLI's built-in plugins: the in-process default, the postgres queue's
// options with their defaults, and errors that name the config path.

const monitors = `monitors:
  - { name: m, reference: { path: r.csv }, current: { path: c.csv } }
`;

async function load(yaml: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dw-queue-config-'));
  const file = join(dir, 'driftwatch.yaml');
  writeFileSync(file, `version: 1\n${yaml}${monitors}`);
  return loadConfig(file, { builtinPlugins: await builtinPlugins(), env });
}

async function failure(yaml: string): Promise<ConfigError> {
  try {
    await load(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the config loaded');
}

describe('queue: in the config', () => {
  it('defaults to the in-process queue, which plans no provider', async () => {
    const loaded = await load('');
    expect(loaded.config.queue).toEqual({ type: 'in-process' });
    expect(loaded.plan.some((p) => p.port === 'JobQueue')).toBe(false);
    expect(loaded.config.server).toMatchObject({ worker: false, workerConcurrency: 2 });
  });

  it('plans the postgres queue with its defaults, the URL from the environment', async () => {
    const loaded = await load('queue: { type: postgres, url: "${DATABASE_URL}" }\nserver: { worker: true }\n', {
      DATABASE_URL: 'postgres://u@db:5432/dw',
    });
    const planned = loaded.plan.find((p) => p.port === 'JobQueue');
    expect(planned).toMatchObject({
      type: 'postgres',
      configPath: 'queue',
      options: {
        url: 'postgres://u@db:5432/dw',
        schema: 'driftwatch_jobs',
        expireAfter: 600_000,
        retries: 2,
        retryDelay: 30_000,
        pollInterval: 1_000,
        maintenanceInterval: 30_000,
        maxConnections: 10,
      },
    });
    expect(loaded.config.server.worker).toBe(true);
  });

  it('names every bad option by its path', async () => {
    const error = await failure('queue: { type: postgres, url: mysql://x, schema: Bad-Name, expireAfter: 1s, retries: -1 }\n');
    const byPath = Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      'queue.url': expect.stringMatching(/postgres:\/\/ or postgresql:\/\/ URL is required/),
      'queue.schema': expect.stringMatching(/lower-case SQL identifier/),
      'queue.expireAfter': expect.stringMatching(/at least 2s/),
      'queue.retries': expect.stringMatching(/>=0/),
    });
  });

  it('refuses options on the in-process queue and an unknown type, naming queue', async () => {
    expect((await failure('queue: { type: in-process, url: x }\n')).message).toMatch(
      /queue: the in-process queue takes no options \(got url\); for a shared queue set type: postgres/,
    );
    expect((await failure('queue: { type: rabbit }\n')).message).toMatch(/queue\.type: unknown job queue "rabbit" \(known: postgres\)/);
  });

  it('examples/scale/driftwatch.yaml plans the postgres store and queue', async () => {
    const file = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/scale/driftwatch.yaml');
    const loaded = await loadConfig(file, {
      builtinPlugins: await builtinPlugins(),
      env: { DATABASE_URL: 'postgres://driftwatch@db:5432/driftwatch' },
    });
    expect(loaded.plan.filter((p) => p.port === 'RunStore' || p.port === 'JobQueue').map((p) => [p.port, p.type, p.configPath])).toEqual([
      ['RunStore', 'postgres', 'store'],
      ['JobQueue', 'postgres', 'queue'],
    ]);
    expect(loaded.config.monitors.map((m) => m.name)).toEqual(['customers', 'customers-live']);
  });
});
