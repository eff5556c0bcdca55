import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coreUrl, main, requireBuiltCli, writeAgeIncome, zodUrl } from './__tests__/builtCli.js';

// End to end: the built command with a plugin file whose provider factory throws.

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-factory-'));
  writeAgeIncome(dir, 100, 0);
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
store: { type: files, path: .driftwatch }
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
    const json = spawnSync(process.execPath, [main, 'config', 'validate', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(json.status, json.stderr).toBe(4);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: false, status: 4, code: 'PROVIDER_FAILED', issues: [{ path: 'sinks[1]' }] });
    expect(report.issues[0].message).toMatch(/^boom create: sinks\[1\]: the factory of plugin "exploding-plugin" /);
    expect(report.issues[0]).toMatchObject({ line: 6, column: 5 }); // `- { type: boom, … }`
  });
});
