import { ConfigError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { driftwatchConfigSchema } from './driftwatchConfigSchema.js';
import { validateConfig } from './loadConfig.js';
import { defaultServerConfig } from './serverConfigSchema.js';

const base = { version: 1, monitors: [{ name: 'm', reference: { path: 'r.csv' }, current: { path: 'c.csv' } }] };
const parse = (server?: unknown) => driftwatchConfigSchema.parse(server === undefined ? base : { ...base, server });
/** The config's issues under `server` (the test loads no plugins: its sources and store are unknown types). */
const serverIssues = async (server: unknown) => {
  const error = (await validateConfig({ ...base, server }, { builtinPlugins: [], file: '/tmp/driftwatch.yaml', env: {} }).catch(
    (e: unknown) => e,
  )) as ConfigError;
  expect(error).toBeInstanceOf(ConfigError);
  return error.issues.filter((i) => i.path === 'server' || i.path.startsWith('server.'));
};

describe('the server: config section', () => {
  it('defaults every field', async () => {
    expect(parse().server).toEqual({
      host: '127.0.0.1',
      port: 8080,
      sessionTtl: 43_200_000,
      worker: false,
      workerConcurrency: 2,
      shutdownTimeout: 30_000,
      retentionInterval: 3_600_000,
      cors: { origins: [] },
      metrics: { public: false, maxSeries: 10_000 },
      ingest: { maxBytes: 10_485_760, maxEvents: 100_000, queueSize: 64 },
      rateLimit: { ingestPerMinute: 6000, signInPerMinute: 10 },
    });
    expect(defaultServerConfig).toEqual(parse().server);
  });

  it('reads sizes and durations', async () => {
    const config = parse({
      port: 9000,
      shutdownTimeout: '45s',
      sessionTtl: '1h',
      retentionInterval: '15m',
      ingest: { maxBytes: '512KB' },
      metrics: { public: true },
    });
    expect(config.server).toMatchObject({
      port: 9000,
      shutdownTimeout: 45_000,
      sessionTtl: 3_600_000,
      retentionInterval: 900_000,
      ingest: { maxBytes: 524_288, maxEvents: 100_000 },
      metrics: { public: true },
    });
  });

  it('lists every problem with its config path', async () => {
    const issues = await serverIssues({
      port: 70_000,
      shutdownTimeout: 'soon',
      retentionInterval: '10ms',
      ingest: { maxBytes: '25%', maxEvents: 0 },
      cors: { origins: ['not a url'] },
      metrics: { maxSeries: -1, open: true },
      extra: 1,
    });
    const paths = issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'server.cors.origins[0]',
      'server.extra',
      'server.ingest.maxBytes',
      'server.ingest.maxEvents',
      'server.metrics.maxSeries',
      'server.metrics.open',
      'server.port',
      'server.retentionInterval',
      'server.shutdownTimeout',
    ]);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['server.ingest.maxBytes']).toBe('"25%" is a share of RAM: give a size (10MB)');
    expect(byPath['server.extra']).toMatch(/^unknown key "extra"/);
  });
});
