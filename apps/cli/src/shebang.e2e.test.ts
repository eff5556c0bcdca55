import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, requireBuiltCli } from './__tests__/builtCli.js';

// The kernel runs `#!/usr/bin/env -S ARGS` as `/usr/bin/env "-S ARGS" <script> <args…>`: the tests
// below run the built command's first line that way, with the real env(1).
function shebang(): { interpreter: string; argument: string } {
  const first = readFileSync(main, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!(\S+)\s+(.*)$/.exec(first);
  if (!m) throw new Error(`no shebang line in ${main}: ${first}`);
  return { interpreter: m[1] as string, argument: (m[2] as string).trim() };
}

function runAsKernel(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const { interpreter, argument } = shebang();
  return spawnSync(interpreter, [argument, script, ...args], { encoding: 'utf8', env });
}

let dir: string;
let probe: string;
let hugeProbe: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'dw-shebang-'));
  // What the line's node sees: its flags and the variable the line sets.
  probe = join(dir, 'probe.mjs');
  writeFileSync(
    probe,
    'process.stdout.write(JSON.stringify({ execArgv: process.execArgv, tunables: process.env.GLIBC_TUNABLES ?? null }));\n',
  );
  // How much of a 64 MiB column, filled, the kernel backs with huge pages.
  hugeProbe = join(dir, 'huge.mjs');
  writeFileSync(
    hugeProbe,
    [
      "import { readFileSync } from 'node:fs';",
      'const column = new Float64Array(8 * 2 ** 20).fill(1);',
      "const kib = /AnonHugePages:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'));",
      'process.stdout.write(String(kib ? Number(kib[1]) : -1) + " " + column[0]);',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the command's #! line", () => {
  it.each([
    ['dist/main.cjs (the package bin)', main.replace(/main\.js$/, 'main.cjs')],
    ['dist/main.js', main],
  ])('runs %s with env -S', (_, file) => {
    const r = runAsKernel(file, ['--version'], { ...process.env });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    // Both files carry the same line.
    expect(readFileSync(file, 'utf8').split('\n', 1)[0]).toBe(readFileSync(main, 'utf8').split('\n', 1)[0]);
  });

  it("asks glibc's malloc for transparent huge pages, one arena and a fixed mmap threshold, and starts node with the V8 flags", () => {
    const { GLIBC_TUNABLES: _, ...env } = process.env;
    const r = runAsKernel(probe, [], env);
    expect(r.status).toBe(0);
    const seen = JSON.parse(r.stdout) as { execArgv: string[]; tunables: string | null };
    expect(seen.execArgv).toEqual(['--max-semi-space-size=2', '--initial-old-space-size=32']);
    // An unset variable expands to nothing; glibc skips the empty item after the colon.
    expect(seen.tunables).toBe('glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=131072:');
  });

  it("keeps the user's own GLIBC_TUNABLES after ours, so that theirs wins", () => {
    const r = runAsKernel(probe, [], { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { tunables: string }).tunables).toBe(
      'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=131072:glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2',
    );
  });

  // Only where the kernel gives huge pages to the memory a process asks for them with madvise.
  const thp = (() => {
    try {
      return readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    } catch {
      return '';
    }
  })();
  it.runIf(thp.includes('[madvise]'))('gets a large column huge pages, and none when the user turns it off', () => {
    const { GLIBC_TUNABLES: _, ...env } = process.env;
    const huge = (e: NodeJS.ProcessEnv) => {
      const r = runAsKernel(hugeProbe, [], e);
      expect(r.status).toBe(0);
      const [kib, value] = r.stdout.split(' ').map(Number);
      expect(value).toBe(1);
      return kib as number;
    };
    // 64 MiB holds 31 aligned 2 MiB pages whatever its start; the kernel may fall back to small
    // pages where it finds no free 2 MiB block, so a quarter of them is asked for.
    expect(huge(env)).toBeGreaterThanOrEqual(8 * 2048);
    expect(huge({ ...env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(0);
  });
});
