import type { SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnCollected } from './__tests__/builtCli.js';

// The plugin SDK outside the repository, as README "Writing a plugin outside the repository" says:
// the packages packed into tarballs (pnpm pack rewrites workspace:* to versions), a plugin in its own
// folder with @driftwatch/core, zod and vitest installed from them and the registry, the contract
// kit run there with vitest, and a project with the CLI installed whose config loads the plugin.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const versions = {
  zod: JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')).dependencies.zod as string,
  vitest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.vitest as string,
};

// The children are a user's processes: nothing of this vitest run leaks into them.
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VITEST') && !['NODE_OPTIONS', 'TEST', 'FORCE_COLOR'].includes(k) && !k.startsWith('npm_'),
    ),
  ),
  NO_COLOR: '1',
};

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

async function sh(command: string, args: readonly string[], options: SpawnOptions & { cwd: string }): Promise<Ran> {
  const started = Date.now();
  const r = await spawnCollected(command, args, { env, ...options });
  return { ...r, ms: Date.now() - started };
}

const ok = (r: Ran, what: string) => {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
};

const npmInstall = (cwd: string, specs: readonly string[], dev = false) =>
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...(dev ? ['--save-dev'] : []), ...specs], {
    cwd,
  });

/** A ```js block of the README: the first after `heading`. */
function readmeBlock(heading: string): string {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  const block = at < 0 ? undefined : /```js\n([\s\S]*?)```/.exec(text.slice(at))?.[1];
  if (block === undefined) throw new Error(`README.md: no js block after "${heading}"`);
  return block;
}

/** A plugin whose start fails with a ProviderError of the plugin's own copy of @driftwatch/core. */
const refusingPlugin = `import { definePlugin, defineProvider, ProviderError } from '@driftwatch/core';
import { z } from 'zod';

export default definePlugin({
  name: 'refusing',
  providers: [
    defineProvider({
      port: 'MetricsSink',
      type: 'refusing',
      description: 'refuses to start',
      options: z.object({}).strict(),
      create: () => ({
        type: 'refusing',
        async publish() {},
        async flush() {},
        start() {
          throw new ProviderError('refusing', 'start', 'the backend refused the credentials');
        },
      }),
    }),
  ],
});
`;

let base: string;
let pluginDir: string;
let projectDir: string;
const timings: Record<string, number> = {};

beforeAll(async () => {
  if (!existsSync(join(root, 'apps/cli/dist/main.js')))
    throw new Error('the packages are not built: run "pnpm build" first (pnpm test does)');
  base = mkdtempSync(join(tmpdir(), 'dw-external-'));
  const packs = join(base, 'tarballs');
  const packed = await sh('pnpm', ['-r', '--filter', './packages/*', '--filter', './apps/*', 'pack', '--pack-destination', packs], {
    cwd: root,
  });
  timings.pack = ok(packed, 'pnpm pack').ms;
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  const tarball = (name: string) => join(packs, tarballs.find((f) => f.startsWith(`driftwatch-${name}-`))!);

  pluginDir = join(base, 'points-file-plugin');
  mkdirSync(pluginDir);
  writeFileSync(
    join(pluginDir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'driftwatch-plugin-points-file',
        version: '1.0.0',
        type: 'module',
        exports: './index.mjs',
        peerDependencies: { '@driftwatch/core': '^0.1.0', zod: '^4.0.0' },
      },
      null,
      2,
    )}\n`,
  );
  // The plugin and its test are the README's.
  writeFileSync(join(pluginDir, 'index.mjs'), readmeBlock('## Writing a plugin'));
  writeFileSync(join(pluginDir, 'index.test.mjs'), readmeBlock('### Writing a plugin outside the repository'));
  writeFileSync(join(pluginDir, 'refusing.mjs'), refusingPlugin);

  projectDir = join(base, 'project');
  mkdirSync(join(projectDir, 'data'), { recursive: true });
  writeFileSync(join(projectDir, 'package.json'), '{ "name": "monitoring", "private": true }\n');
  let reference = 'age,income\n';
  let current = reference;
  for (let i = 0; i < 300; i++) {
    reference += `${20 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
    current += `${35 + (i % 40)},${30_000 + ((i * 137) % 20_000)}\n`;
  }
  writeFileSync(join(projectDir, 'data/reference.csv'), reference);
  writeFileSync(join(projectDir, 'data/current.csv'), current);

  // The plugin author's dev dependencies, and the project's CLI: every tarball together, since
  // none of them is on the registry (third-party packages come from it).
  const [plugin, project] = await Promise.all([
    npmInstall(pluginDir, [tarball('core'), `zod@${versions.zod}`, `vitest@${versions.vitest}`], true),
    // Without install scripts: better-sqlite3's would download a prebuilt binary, which this closed
    // network refuses, and then compile SQLite with node-gyp for minutes. The workspace's build of the
    // same version, for this Node, stands in for the download below.
    npmInstall(projectDir, ['--ignore-scripts', ...tarballs.map((f) => join(packs, f))]),
  ]);
  timings.installPlugin = ok(plugin, 'npm install (plugin)').ms;
  timings.installProject = ok(project, 'npm install (project)').ms;
  const sqliteAddon = 'build/Release/better_sqlite3.node';
  const workspaceSqlite = dirname(createRequire(join(root, 'packages/store-sqlite/package.json')).resolve('better-sqlite3/package.json'));
  mkdirSync(join(projectDir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  copyFileSync(join(workspaceSqlite, sqliteAddon), join(projectDir, 'node_modules/better-sqlite3', sqliteAddon));
}, 180_000);

describe('a sink plugin written, tested and loaded outside the repository', () => {
  it('passes the contract kit with vitest in its own folder', async () => {
    const r = await sh(process.execPath, [join(pluginDir, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: pluginDir });
    timings.contractKit = r.ms;
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('index.test.mjs');
    expect(r.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(r.stdout).not.toMatch(/failed|skipped/);
  });

  it('is loaded by driftwatch run from a config, and the points arrive', async () => {
    writeFileSync(
      join(projectDir, 'driftwatch.yaml'),
      `version: 1
plugins: [../points-file-plugin/index.mjs]
sinks:
  - { type: points-file, path: points.jsonl }
monitors:
  - name: credit
    reference: { path: data/reference.csv }
    current: { path: data/current.csv }
`,
    );
    const driftwatch = join(projectDir, 'node_modules/.bin/driftwatch');
    const r = await sh(driftwatch, ['run', '--format', 'json'], { cwd: projectDir });
    timings.run = r.ms;
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ monitor: 'credit', failedSinks: [] });
    const points = readFileSync(join(projectDir, 'points.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(points).toHaveLength(result.publishedPoints);
    expect(points.length).toBeGreaterThan(0);
    expect(points).toContainEqual(expect.objectContaining({ name: 'dataset.drift_share', dimensions: { monitor: 'credit' } }));
  });

  it("classifies an error of the plugin's own copy of @driftwatch/core by its code: exit 4", async () => {
    // Two copies: the plugin resolves its own (installed for its tests), the CLI the project's.
    const own = realpathSync(join(pluginDir, 'node_modules/@driftwatch/core'));
    expect(own).not.toBe(realpathSync(join(projectDir, 'node_modules/@driftwatch/core')));
    writeFileSync(
      join(projectDir, 'refusing.yaml'),
      `version: 1
plugins: [../points-file-plugin/refusing.mjs]
sinks:
  - { type: refusing }
monitors:
  - name: credit
    reference: { path: data/reference.csv }
    current: { path: data/current.csv }
`,
    );
    const r = await sh(join(projectDir, 'node_modules/.bin/driftwatch'), ['run', '--config', 'refusing.yaml'], { cwd: projectDir });
    expect(r.stderr).toContain('driftwatch: error: refusing start: the backend refused the credentials');
    expect(r.status, r.stderr).toBe(4);
    // Shown once the suite is done, for the README's figures.
    process.stderr.write(`external plugin test timings (ms): ${JSON.stringify(timings)}\n`);
  });
});
