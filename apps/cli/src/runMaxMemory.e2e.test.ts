import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DriftReport, type MonitorRunResult, Xoshiro128 } from '@driftwatch/core';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command (`pnpm build` first): `driftwatch run` on files over a monitor's memory budget.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `rows` rows: three numeric columns (normal with gaps, rounded normal, uniform) and a categorical one, shifted by `shift`. */
function csv(path: string, rows: number, shift: number, seed: number): void {
  const rng = new Xoshiro128(seed);
  const lines = ['id,x,y,u,city'];
  const cities = ['oslo', 'rome', 'lima'];
  for (let i = 0; i < rows; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    const x = i % 500 === 7 ? '' : (z + shift).toFixed(6);
    const y = Math.round((z * 3 + shift) * 10) / 10;
    lines.push(
      `${i},${x},${y},${(rng.nextDouble() + shift / 4).toFixed(5)},${cities[Math.floor(rng.nextDouble() * (shift > 0 ? 2.6 : 3))]}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-run-maxmem-'));
  mkdirSync(join(dir, 'data'));
  csv(join(dir, 'data/ref.csv'), 300_000, 0, 1);
  csv(join(dir, 'data/cur.csv'), 300_000, 0.05, 2);
});

/** A project folder of its own (store, sinks) over the shared data, with this config. */
function project(name: string, config: string): string {
  const cwd = join(dir, name);
  mkdirSync(cwd);
  writeFileSync(join(cwd, 'driftwatch.yaml'), config.replaceAll('DATA', join(dir, 'data')));
  return cwd;
}

function driftwatch(cwd: string, ...args: string[]): Result {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two monitors on the same files: binned methods on one, KS and Wasserstein on the other. */
const twoMonitors = (extra = '', own = '') => `version: 1
store: { type: files, path: .driftwatch }
${extra}sinks:
  - { type: jsonl, path: out/metrics.jsonl }
monitors:
  - name: binned
    reference: { path: DATA/ref.csv }
    current: { path: DATA/cur.csv }
    schema: { id: id }
    drift: { methods: { x: psi, y: jensenshannon, u: hellinger }${own} }
  - name: sketched
    reference: { path: DATA/ref.csv }
    current: { path: DATA/cur.csv }
    schema: { id: id }
    drift: { methods: { x: ks, y: wasserstein, u: ks, city: chi2_contingency } }
`;

/** The published points without their run id and time: what a dashboard sees. */
function points(cwd: string): string[] {
  return readFileSync(join(cwd, 'out/metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { name, dimensions, unit } = JSON.parse(line) as { name: string; dimensions: Record<string, string>; unit?: string };
      return JSON.stringify({ name, dimensions, unit });
    })
    .sort();
}

describe('driftwatch run over a monitor memory budget (issue 12 item 11)', () => {
  it('summarises drift as check --max-memory does: binned methods equal the in-memory run, KS/Wasserstein within their bounds, the same points published', () => {
    const exactDir = project('exact', twoMonitors());
    const streamedDir = project('streamed', twoMonitors());
    const exactRun = driftwatch(exactDir, 'run', '--format', 'json');
    expect(exactRun.stderr).toBe('');
    expect(exactRun.status).toBe(0);
    const streamedRun = driftwatch(streamedDir, 'run', '--format', 'json', '--max-memory', '12MB');
    expect(streamedRun.stderr).toBe('');
    expect(streamedRun.status).toBe(0);
    const exact = JSON.parse(exactRun.stdout) as MonitorRunResult[];
    const streamed = JSON.parse(streamedRun.stdout) as MonitorRunResult[];
    const [eBinned, eSketched] = exact.map((r) => r.drift as DriftReport);
    const [sBinned, sSketched] = streamed.map((r) => r.drift as DriftReport);

    expect(eBinned.dataset.memory).toBeUndefined();
    expect(sBinned.dataset.memory?.budgetBytes).toBe(12 * 2 ** 20);
    expect(sBinned.dataset.memory?.estimatedBytes).toBeGreaterThan(12 * 2 ** 20);
    expect(sBinned.columns.map((c) => [c.column, c.path])).toEqual([
      ['x', 'histogram'],
      ['y', 'histogram'],
      ['u', 'histogram'],
      ['city', 'exact'],
    ]);
    expect(sBinned.columns.map((c) => c.statistic)).toEqual(eBinned.columns.map((c) => c.statistic));
    expect(sBinned.columns.map((c) => c.reference)).toEqual(eBinned.columns.map((c) => c.reference));
    expect(sBinned.columns.map((c) => c.drifted)).toEqual(eBinned.columns.map((c) => c.drifted));

    expect(sSketched.columns.map((c) => [c.column, c.method, c.path])).toEqual([
      ['x', 'ks', 'sketch'],
      ['y', 'wasserstein', 'sketch'],
      ['u', 'ks', 'sketch'],
      ['city', 'chi2_contingency', 'exact'],
    ]);
    for (const [i, c] of sSketched.columns.slice(0, 3).entries()) {
      const bound = c.bound?.statistic as number;
      expect(bound, c.column).toBeGreaterThan(0);
      expect(bound, c.column).toBeLessThan(0.005);
      expect(Math.abs((c.statistic as number) - (eSketched.columns[i]?.statistic as number)), c.column).toBeLessThanOrEqual(bound + 1e-12);
    }
    expect(sSketched.columns[3]?.statistic).toBe(eSketched.columns[3]?.statistic);
    expect(streamed.map((r) => r.status)).toEqual(exact.map((r) => r.status));

    // The same metric points (names, dimensions, units) reach the sink; each run recorded.
    expect(streamed.map((r) => r.publishedPoints)).toEqual(exact.map((r) => r.publishedPoints));
    expect(points(streamedDir)).toEqual(points(exactDir));
    expect(points(streamedDir).length).toBe(streamed[0]!.publishedPoints + streamed[1]!.publishedPoints);
    const history = JSON.parse(driftwatch(streamedDir, 'history', '--format', 'json').stdout) as { runs: { status: string }[] };
    expect(history.runs.map((r) => r.status).sort()).toEqual(streamed.map((r) => r.status).sort());
  }, 180_000);

  it('takes the budget from drift.maxMemory, then the top-level maxMemory; the table names each column path', () => {
    // The top-level 12MB applies to "sketched"; "binned" has its own, large enough to read whole.
    const cwd = project('configured', twoMonitors('maxMemory: 12MB\n', ', maxMemory: 2GB'));
    const r = driftwatch(cwd, 'run');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [binned, sketched] = r.stdout.split(/^(?=Monitor )/m);
    expect(binned).toMatch(/^Monitor binned/);
    expect(binned).not.toMatch(/memory budget/);
    expect(sketched).toMatch(/^Monitor sketched/);
    expect(sketched).toMatch(/Over the memory budget \(12 MB; exact would need ~\d+ MB\)/);
    expect(sketched).toMatch(/^x .* sketch ±\d/m);
    expect(sketched).toMatch(/^city .* exact$/m);
  }, 120_000);

  it('a monitor with retraining over its budget stops with a config error naming monitors[i].drift.maxMemory, before reading or training', () => {
    const cwd = project(
      'retraining',
      `version: 1
store: { type: files, path: .driftwatch }
monitors:
  - name: loop
    reference: { path: DATA/ref.csv }
    current: { path: DATA/cur.csv }
    schema: { id: id, target: city }
    drift: { maxMemory: 12MB }
    retraining:
      when: { drift: true }
      trainer: { type: command, command: ["${process.execPath}", "-e", "require('fs').writeFileSync('trained', '')"] }
      evaluator: { type: command, command: ["${process.execPath}", "-e", "process.exit(1)"] }
      gate: { metric: accuracy }
`,
    );
    const r = driftwatch(cwd, 'run');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /monitors\[0\] "loop": its data is over the memory budget \(monitors\[0\]\.drift\.maxMemory 12 MB; .*\) and retraining needs whole rows, which are not summarised: raise monitors\[0\]\.drift\.maxMemory \(or run --max-memory\) above \d+ MB/,
    );
    expect(existsSync(join(cwd, 'trained'))).toBe(false);
    expect(readdirSync(join(cwd, '.driftwatch')).some((f) => f.startsWith('retraining'))).toBe(false);
    // Recorded as a failed run with the config error's code.
    const runs = readdirSync(join(cwd, '.driftwatch/runs'));
    expect(runs).toHaveLength(1);
    const record = JSON.parse(readFileSync(join(cwd, '.driftwatch/runs', runs[0] as string), 'utf8')) as {
      status: string;
      result: { error: { code: string } };
    };
    expect([record.status, record.result.error.code]).toEqual(['failed', 'CONFIG_INVALID']);
    // The flag names itself instead (a usage error, also status 2).
    const flagged = driftwatch(cwd, 'run', '--max-memory', '12MB');
    expect(flagged.status).toBe(2);
    expect(flagged.stderr).toMatch(/\(--max-memory 12 MB; .* raise --max-memory above/);
  }, 60_000);

  it('a bad maxMemory is a config error naming its path; a bad --max-memory a usage error', () => {
    const cwd = project('bad', twoMonitors('', ', maxMemory: lots'));
    const r = driftwatch(cwd, 'run');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/driftwatch\.yaml.*monitors\[0\]\.drift\.maxMemory: "lots" is not a size \(write 400MB, 2GB or 25%\)/);
    writeFileSync(join(cwd, 'top.yaml'), twoMonitors('maxMemory: 150%\n').replaceAll('DATA', join(dir, 'data')));
    const top = driftwatch(cwd, 'run', '--config', 'top.yaml');
    expect(top.status).toBe(2);
    expect(top.stderr).toMatch(/top\.yaml.*maxMemory: "150%" must be above 0 \(and at most 100%\)/);
    const flag = driftwatch(cwd, 'run', '--config', 'top.yaml', '--max-memory', 'lots');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--max-memory "lots" is not a size/);
  }, 60_000);
});
