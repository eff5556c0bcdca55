import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// End to end: the built command as a user runs it (`pnpm test` builds first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const reference = join(root, 'examples/data/reference.csv');
const current = join(root, 'examples/data/current.csv');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-cli-'));
});

const write = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('driftwatch check', () => {
  it('prints a table for the example data and exits 0', () => {
    const r = driftwatch('check', '--reference', reference, '--current', current, '--ignore', 'customer_id');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tested columns drifted/);
    expect(r.stdout).toMatch(/^income\s+numeric\s+wasserstein\s+[\d.]+\s+—\s+d ≥ 0\.1\s+DRIFT/m);
    expect(r.stdout).toMatch(/^age\s+numeric\s+wasserstein\s+[\d.]+\s+—\s+d ≥ 0\.1\s+no/m);
  });

  it('prints the documented JSON object with --format json', () => {
    const r = driftwatch(
      'check',
      '-r',
      reference,
      '-c',
      current,
      '--format',
      'json',
      '--method',
      'ks',
      '--method',
      'city=chisquare',
      '--ignore',
      'customer_id',
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.reference).toEqual({ source: reference, rows: 5000 });
    const byName = Object.fromEntries(report.columns.map((c: { column: string }) => [c.column, c]));
    expect(Object.keys(byName)).not.toContain('customer_id');
    expect(byName.income).toMatchObject({ kind: 'numeric', method: 'ks', measure: 'p_value', threshold: 0.05, drifted: true });
    expect(byName.city).toMatchObject({ kind: 'categorical', method: 'chisquare', drifted: false });
    expect(byName.has_mobile_app.kind).toBe('boolean');
    expect(byName.support_tickets.reference.missing).toBeGreaterThan(0);
    for (const c of report.columns) {
      for (const key of ['column', 'kind', 'method', 'statistic', 'pValue', 'threshold', 'drifted', 'reference', 'current'])
        expect(c).toHaveProperty(key);
    }
    expect(report.dataset.testedColumns).toBe(9);
  });

  it('exits 1 with --fail-on-drift when the dataset drifts, 0 without it', () => {
    const args = ['check', '-r', reference, '-c', current, '--dataset-share', '0.2', '--format', 'json'];
    expect(driftwatch(...args).status).toBe(0);
    const r = driftwatch(...args, '--fail-on-drift');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).dataset.drifted).toBe(true);
  });

  it('writes the report atomically with --output and appends metric points with --metrics-out', () => {
    const out = join(dir, 'reports', 'drift.md');
    const metrics = join(dir, 'metrics.jsonl');
    for (let i = 0; i < 2; i++) {
      const r = driftwatch('check', '-r', reference, '-c', current, '--format', 'markdown', '--output', out, '--metrics-out', metrics);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(out, 'utf8')).toMatch(/^# Drift report\n/);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['drift.md']);
    const points = readFileSync(metrics, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(points).toHaveLength(2 * 11);
    expect(points[0]).toMatchObject({ name: 'drift.score', unit: 'None', dimensions: { feature: 'customer_id' } });
    expect(points[10]).toMatchObject({ name: 'dataset.drift_share' });
  });

  it('prints an infinite chi-squared statistic as the string "Infinity" in valid JSON', () => {
    const r = driftwatch(
      'check',
      '-r',
      write('cref.csv', 'c\na\nb\na\nb\n'),
      '-c',
      write('ccur.csv', 'c\na\nb\nz\n'),
      '--format',
      'json',
      '--method',
      'chisquare',
    );
    expect(r.status).toBe(0);
    const [c] = JSON.parse(r.stdout).columns;
    expect(c).toMatchObject({ statistic: 'Infinity', pValue: 0, drifted: true });
  });

  it('teaches with --help: methods and exit statuses', () => {
    const r = driftwatch('check', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--method <spec>/);
    expect(r.stdout).toMatch(/Exit status: 0 done, 1 drift found with --fail-on-drift, 2 bad input or usage/);
    expect(driftwatch('--help').stdout).toMatch(/check \[options\]\s+compare a current dataset with a reference/);
  });
});

describe('driftwatch check formats and schema', () => {
  const header = 'age,plan,score';
  const rows = (shift: number) =>
    Array.from({ length: 60 }, (_, i) => `${20 + ((i * 7) % 40) + shift},${['free', 'pro', 'team'][i % 3]},${((i * 13) % 17) / 4}`);
  const asJson = (args: string[]) => {
    const r = driftwatch('check', ...args, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as {
      columns: { column: string; kind: string; method: string; statistic: number; pValue: number | null }[];
    };
  };
  const stats = (report: ReturnType<typeof asJson>) => report.columns.map((c) => [c.column, c.kind, c.method, c.statistic, c.pValue]);

  it('reads CSV, TSV (by extension), a custom delimiter and JSONL to the same figures', () => {
    const csv = asJson([
      '-r',
      write('f-ref.csv', `${header}\n${rows(0).join('\n')}\n`),
      '-c',
      write('f-cur.csv', `${header}\n${rows(5).join('\n')}\n`),
    ]);
    const tab = (l: string) => l.replaceAll(',', '\t');
    const tsv = asJson([
      '-r',
      write('f-ref.tsv', `${tab(header)}\n${rows(0).map(tab).join('\n')}\n`),
      '-c',
      write('f-cur.tsv', `${tab(header)}\n${rows(5).map(tab).join('\n')}\n`),
    ]);
    const semi = (l: string) => l.replaceAll(',', ';');
    const semicolon = asJson([
      '-r',
      write('f-ref-semi.csv', `${semi(header)}\n${rows(0).map(semi).join('\n')}\n`),
      '-c',
      write('f-cur-semi.csv', `${semi(header)}\n${rows(5).map(semi).join('\n')}\n`),
      '--delimiter',
      ';',
    ]);
    const jsonl = (shift: number) =>
      `${rows(shift)
        .map((r) => {
          const [age, plan, score] = r.split(',');
          return JSON.stringify({ age: Number(age), plan, score: Number(score) });
        })
        .join('\n')}\n`;
    const lines = asJson(['-r', write('f-ref.jsonl', jsonl(0)), '-c', write('f-cur.jsonl', jsonl(5))]);
    // Calibrated defaults: values repeat, so age (40 distinct values) gets KS's permutation p-value and
    // score (17 values, too sparse for the chi-squared approximation) the permutation chi-squared test.
    expect(stats(csv).map((c) => c.slice(0, 3))).toEqual([
      ['age', 'numeric', 'ks_permutation'],
      ['plan', 'categorical', 'chi2_contingency'],
      ['score', 'numeric', 'chi2_permutation'],
    ]);
    expect(stats(tsv)).toEqual(stats(csv));
    expect(stats(semicolon)).toEqual(stats(csv));
    expect(stats(lines)).toEqual(stats(csv));
  });

  it('reads Parquet', () => {
    const parquet = join(root, 'packages/data/src/__fixtures__/kinds.parquet');
    const report = asJson(['-r', parquet, '-c', parquet, '--columns', 'i32,f64,city,flag']);
    // A file against itself: every value is tied across the sides, so KS gets its permutation p-value.
    expect(report.columns.map((c) => [c.column, c.kind, c.method])).toEqual([
      ['i32', 'numeric', 'ks_permutation'],
      ['f64', 'numeric', 'ks_permutation'],
      ['city', 'categorical', 'chi2_contingency'],
      ['flag', 'boolean', 'z'],
    ]);
    for (const c of report.columns) expect(c.statistic === 0 || c.pValue === 1).toBe(true);
  });

  it('overrides inferred kinds with --schema', () => {
    const args = [
      '-r',
      write('s-ref.csv', `${header}\n${rows(0).join('\n')}\n`),
      '-c',
      write('s-cur.csv', `${header}\n${rows(5).join('\n')}\n`),
    ];
    const schema = write('schema.json', JSON.stringify({ columns: { age: 'categorical' } }));
    const report = asJson([...args, '--schema', schema]);
    // 40 ages as categories over 60 rows: too sparse for the chi-squared approximation.
    expect(report.columns[0]).toMatchObject({ column: 'age', kind: 'categorical', method: 'chi2_permutation' });
    const byFlag = asJson([...args, '--schema', schema, '--kind', 'age=numeric', '--kind', 'score=categorical']);
    expect(byFlag.columns.map((c) => [c.column, c.kind])).toEqual([
      ['age', 'numeric'],
      ['plan', 'categorical'],
      ['score', 'categorical'],
    ]);
    const badKind = driftwatch('check', ...args, '--kind', 'age=number');
    expect(badKind.status).toBe(2);
    expect(badKind.stderr).toMatch(/--kind "number" is not a column kind \(kinds: numeric, categorical/);
    const bad = driftwatch('check', ...args, '--schema', write('bad-schema.json', JSON.stringify({ columns: { age: 'numberish' } })));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad-schema\.json: .*columns\.age/);
  });
});

describe('driftwatch check with bad input', () => {
  it.each([
    ['a missing file', () => ['-r', join(dir, 'nope.csv'), '-c', current], /nope\.csv/],
    ['a row with the wrong number of fields', () => ['-r', write('bad.csv', 'a,b\n1,2\n3\n'), '-c', current], /bad\.csv:3: /],
    ['an unclosed quote', () => ['-r', write('quote.csv', 'a,b\n1,"2\n3,4\n'), '-c', current], /quote\.csv:2:3: .*quote/i],
    ['an empty file', () => ['-r', write('empty.csv', ''), '-c', current], /empty\.csv: .*empty/i],
    ['a header without rows', () => ['-r', write('header.csv', 'a,b\n'), '-c', current], /header\.csv:1: header but no data rows/],
    [
      'bytes that are not UTF-8',
      () => ['-r', write('latin1.csv', Buffer.from([0x61, 0x0a, 0xff, 0x0a])), '-c', current],
      /latin1\.csv:2:1: invalid UTF-8 \(byte 0xff\)/,
    ],
    [
      'different columns',
      () => ['-r', write('cols1.csv', 'a,b\n1,2\n'), '-c', write('cols2.csv', 'a,c\n1,2\n')],
      /missing from current: b; not in reference: c/,
    ],
    ['an unknown method', () => ['-r', reference, '-c', current, '--method', 'kss'], /unknown method "kss"/],
    ['an unknown column', () => ['-r', reference, '-c', current, '--columns', 'agee'], /unknown column "agee"/],
    ['a bad threshold', () => ['-r', reference, '-c', current, '--threshold', 'age=abc'], /--threshold "abc" must be a number/],
    ['an unknown option', () => ['-r', reference, '-c', current, '--formatt', 'json'], /unknown option '--formatt'/],
    ['an unknown format', () => ['-r', reference, '-c', current, '--format', 'xml'], /argument 'xml' is invalid/],
    ['a missing required option', () => ['-r', reference], /required option '-c, --current <file>' not specified/],
  ])('exits 2 with one clear line for %s', (_name, args, message) => {
    const r = driftwatch('check', ...args());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('fails with --strict on a value that is not of its column kind, and counts it otherwise', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i}`).join('\n');
    const ref = write('strict-ref.csv', `x\n${rows}\n`);
    const cur = write('strict-cur.csv', `x\n${rows}\nabc\n`);
    const counted = driftwatch('check', '-r', ref, '-c', cur, '--format', 'json');
    expect(counted.status).toBe(0);
    expect(JSON.parse(counted.stdout).columns[0].current).toMatchObject({ invalid: 1, missing: 1 });
    const strict = driftwatch('check', '-r', ref, '-c', cur, '--strict');
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/strict-cur\.csv:32:1: column "x": "abc" is not a valid numeric value/);
  });

  it('shows the stack trace only with --verbose', () => {
    const r = driftwatch('check', '-r', join(dir, 'nope.csv'), '-c', current, '--verbose');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
