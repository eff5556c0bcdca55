import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, definePlugin, defineProvider } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { monitorDriftOptions } from '../pipeline/monitorDriftOptions.js';
import { monitorFrameSetRequest } from '../pipeline/monitorFrameSetRequest.js';
import { loadConfig } from './loadConfig.js';

const builtin = definePlugin({
  name: 'builtin',
  providers: [
    defineProvider({
      port: 'DataSource',
      type: 'csv',
      description: 'csv',
      options: z.object({ path: z.string() }).strict(),
      create: () => ({}) as never,
    }),
    defineProvider({
      port: 'RunStore',
      type: 'sqlite',
      description: 'the default store',
      options: z.object({ path: z.string().default('.driftwatch/driftwatch.db') }).strict(),
      create: () => ({}) as never,
    }),
  ],
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-embcfg-'));
});
let n = 0;
const load = (text: string) => {
  const file = join(dir, `c${n++}.yaml`);
  writeFileSync(file, text);
  return loadConfig(file, { builtinPlugins: [builtin], env: {} });
};
const monitor = (drift: string, schema = '') => `version: 1
monitors:
  - name: m
    reference: { path: ref.csv }
    current: { path: cur.csv }
    drift: ${drift}
${schema}`;

describe('embedding config: schema.embeddings and drift.methods objects', () => {
  it('reads a prefix group and a method object, and hands them to the frame set and the engine', async () => {
    const { config } = await load(
      monitor(
        '{ methods: { emb: { method: distance, metric: cosine, bootstrap: true }, vec: "mmd:bootstrap=true", age: ks } }',
        '    schema: { embeddings: { emb: { prefix: emb_ } } }',
      ),
    );
    const m = config.monitors[0];
    expect(monitorFrameSetRequest(m, 0).embeddings).toEqual({ emb: { prefix: 'emb_' } });
    expect(monitorDriftOptions(m).methods).toEqual({ emb: 'distance:metric=cosine,bootstrap=true', vec: 'mmd:bootstrap=true', age: 'ks' });
  });

  it('names the config path of a bad method object, key or value', async () => {
    const error = await load(monitor('{ methods: { emb: { method: distance, metric: manhattan } } }')).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toMatchObject([
      {
        path: 'monitors[0].drift.methods.emb',
        message: 'metric "manhattan" is not one of euclidean, cosine, cityblock, chebyshev',
      },
    ]);
    const unknownKey = await load(monitor('{ methods: { emb: { method: ratio, bootstrap: true } } }')).catch((e) => e);
    expect(unknownKey).toBeInstanceOf(ConfigError);
    expect((unknownKey as ConfigError).issues).toMatchObject([
      {
        path: 'monitors[0].drift.methods.emb',
        message: 'ratio takes no "bootstrap" (it takes: component, componentThreshold, threshold, pcaComponents)',
      },
    ]);
    const badText = await load(monitor('{ methods: { emb: "mmd:quantile=2" } }')).catch((e) => e);
    expect((badText as ConfigError).issues).toMatchObject([
      { path: 'monitors[0].drift.methods.emb', message: 'quantile "2" must be a number in (0, 1)' },
    ]);
    const badPrefix = await load(monitor('{}', '    schema: { embeddings: { emb: { prefix: "" } } }')).catch((e) => e);
    expect(badPrefix).toBeInstanceOf(ConfigError);
    expect((badPrefix as ConfigError).message).toMatch(/monitors\[0\]\.schema\.embeddings\.emb\.prefix/);
  });
});
