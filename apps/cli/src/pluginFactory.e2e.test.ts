import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command with a plugin file whose provider factory throws.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const coreDir = join(root, 'packages/core');
// The plugin imports the workspace's core and zod by URL: a temporary folder has no node_modules.
const coreUrl = pathToFileURL(join(coreDir, 'dist/index.js')).href;
const zodUrl = pathToFileURL(createRequire(join(coreDir, 'package.json')).resolve('zod')).href;

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-factory-'));
  let reference = 'age,income\n';
  for (let i = 0; i < 100; i++) reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
  writeFileSync(join(dir, 'reference.csv'), reference);
  writeFileSync(join(dir, 'current.csv'), reference);
  writeFileSync(
    join(dir, 'exploding.mjs'),
    `import { definePlugin, defineProvider } from '${coreUrl}';
import { z } from '${zodUrl}';

export default definePlugin({
  name: 'exploding-plugin',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'boom',
      description: 'a sink whose factory throws what a careless plugin throws',
      options: z.object({ endpoint: z.string() }).strict(),
      create: (options) => {
        throw new TypeError('Cannot read properties of undefined (reading ' + JSON.stringify(options.endpoint) + ')');
      },
    }),
  ],
});
`,
  );
  writeFileSync(
    join(dir, 'driftwatch.yaml'),
    `version: 1
plugins: [./exploding.mjs]
sinks:
  - { type: jsonl, path: out/metrics.jsonl }
  - { type: boom, endpoint: pool }
monitors:
  - name: credit
    reference: { path: reference.csv }
    current: { path: current.csv }
`,
  );
});

describe('a plugin whose provider factory throws', () => {
  it('run: exit 4, one line naming the provider type, the plugin and the config path; no stack, no lock', () => {
    const r = spawnSync(process.execPath, [main, 'run'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const first = r.stderr.split('\n')[0];
    expect(first).toBe(
      'driftwatch: error: boom create: sinks[1]: the factory of plugin "exploding-plugin" could not create the sink: ' +
        'Cannot read properties of undefined (reading "pool")',
    );
    const locks = join(dir, '.driftwatch/locks');
    expect(existsSync(locks) ? readdirSync(locks) : []).toEqual([]);
  });

  it('config validate creates the providers too, and says the same', () => {
    const r = spawnSync(process.execPath, [main, 'config', 'validate'], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/^driftwatch: error: boom create: sinks\[1\]: the factory of plugin "exploding-plugin" /);
  });
});
