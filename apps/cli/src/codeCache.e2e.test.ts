import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, root, shebangFlags, writeAgeIncome } from './__tests__/builtCli.js';

// The command (dist/main.cjs, scripts/mainLoader.cjs) compiles the bundle's chunks with the V8 code
// cache the build's training runs wrote (issue 17, bench/startup): used under the shebang's flags,
// and only for the source it was made from; without it the same code runs from source.
const preload = join(root, 'apps/cli/src/__fixtures__/recordScripts.cjs');
const loadedBuiltins = join(root, 'apps/cli/src/__fixtures__/loadedBuiltins.mjs');
const dist = join(root, 'apps/cli/dist');

interface Compiled {
  file: string;
  cachedData: boolean;
  rejected: boolean;
}

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-code-cache-'));
  writeAgeIncome(dir, 100, 15);
});

function check(command: string, flags: string[]): { status: number | null; stdout: string; stderr: string; scripts: Compiled[] } {
  const out = join(dir, 'scripts.json');
  const r = spawnSync(process.execPath, [...flags, '--require', preload, command, 'check', '-r', 'reference.csv', '-c', 'current.csv'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DW_SCRIPTS_OUT: out },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, scripts: JSON.parse(readFileSync(out, 'utf8')) as Compiled[] };
}

describe('code cache', () => {
  it("check of two small files compiles every chunk it loads from the cache, which V8 accepts under the shebang's flags", () => {
    const r = check(join(dist, 'main.cjs'), shebangFlags());
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^age\s+numeric\s+\S+.*DRIFT/m);
    expect(r.scripts.length).toBeGreaterThan(10);
    expect(r.scripts.map((s) => basename(s.file))).toContain('main.cjs');
    expect(r.scripts.filter((s) => !s.cachedData || s.rejected)).toEqual([]);
  });

  it('under other V8 flags V8 rejects the cache and the chunks run from source, with the same output', () => {
    const cached = check(join(dist, 'main.cjs'), shebangFlags());
    const r = check(join(dist, 'main.cjs'), []);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(cached.stdout);
    expect(r.scripts.length).toBe(cached.scripts.length);
    expect(r.scripts.every((s) => s.rejected)).toBe(true);
  });

  it('a chunk whose source is not the one its cache was made from is compiled without it', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'dw-code-cache-dist-')), 'dist');
    cpSync(dist, copy, { recursive: true });
    // Same length and meaning, other bytes: V8's own check (the length) would take the cache.
    const file = join(copy, 'chunks', 'main.cjs');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('"use strict";');
    writeFileSync(file, source.replace('"use strict";', "'use strict';"));
    const cached = check(join(dist, 'main.cjs'), shebangFlags());
    const r = check(join(copy, 'main.cjs'), shebangFlags());
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(cached.stdout);
    expect(r.scripts.filter((s) => !s.cachedData).map((s) => basename(s.file))).toEqual(['main.cjs']);
    expect(r.scripts.filter((s) => s.rejected)).toEqual([]);
  });

  it('dist/main.js, for `node dist/main.js`, runs the same command', () => {
    const r = check(join(dist, 'main.js'), shebangFlags());
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(check(join(dist, 'main.cjs'), shebangFlags()).stdout);
    expect(r.scripts.filter((s) => !s.cachedData || s.rejected)).toEqual([]);
  });

  it('a Node without require() of ES modules (before 20.19) runs the ES chunks instead, with the same output', () => {
    const r = check(join(dist, 'main.cjs'), [...shebangFlags(), '--no-experimental-require-module']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(check(join(dist, 'main.cjs'), shebangFlags()).stdout);
    expect(r.scripts).toEqual([]);
  });

  it('the reading thread starts from the ES chunks: a file over 16 MiB checked on two threads as on one', () => {
    const big = mkdtempSync(join(tmpdir(), 'dw-code-cache-big-'));
    for (const [name, shift] of [
      ['reference.csv', 0],
      ['current.csv', 3],
    ] as const) {
      const lines = ['age,income'];
      for (let i = 0; i < 2_000_000; i++) lines.push(`${20 + shift + (i % 50)},${30_000 + ((i * 7919) % 90_000)}`);
      writeFileSync(join(big, name), `${lines.join('\n')}\n`);
    }
    const run = (threads: string) =>
      spawnSync(
        process.execPath,
        [
          ...shebangFlags(),
          '--import',
          loadedBuiltins,
          join(dist, 'main.cjs'),
          'check',
          '-r',
          'reference.csv',
          '-c',
          'current.csv',
          '--threads',
          threads,
        ],
        {
          cwd: big,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', DW_LOADED_BUILTINS_OUT: join(big, `builtins-${threads}.json`) },
        },
      );
    const one = run('1');
    const two = run('2');
    const builtins = (threads: string) => JSON.parse(readFileSync(join(big, `builtins-${threads}.json`), 'utf8')) as string[];
    const [builtinsOne, builtinsTwo] = [builtins('1'), builtins('2')];
    rmSync(big, { recursive: true, force: true });
    expect(two.status).toBe(0);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(builtinsTwo).toContain('worker_threads');
    expect(builtinsOne).not.toContain('worker_threads');
  });

  it('every chunk has its CommonJS twin, and the build cached those check, detect and the help load', () => {
    const files = readdirSync(join(dist, 'chunks'));
    const chunks = files.filter((f) => f.endsWith('.js'));
    for (const chunk of chunks) expect(files).toContain(chunk.replace(/\.js$/, '.cjs'));
    expect(files.filter((f) => f.endsWith('.code-cache')).length).toBeGreaterThan(20);
  });
});
