import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentWeeksCsv, referenceWeeksCsv } from './__fixtures__/driftingWeeks.js';

// End to end: the built command as a user runs it (`pnpm test` builds first).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let reference: string;
let current: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-chunks-'));
  reference = join(dir, 'reference.csv');
  current = join(dir, 'current.csv');
  writeFileSync(reference, referenceWeeksCsv());
  writeFileSync(current, currentWeeksCsv());
});

const weekKeys = ['2026-W06', '2026-W07', '2026-W08', '2026-W09', '2026-W10', '2026-W11'];
const byWeek = () => ['check', '-r', reference, '-c', current, '--period', 'week', '--timestamp', 'ts'];

interface Chunk {
  key: string;
  rows: number;
  startDate?: string;
  dataset: { drifted: boolean };
  columns: { column: string; drifted: boolean; method: string }[];
  quality: { column: string; missing: number; invalid: number | null; unseen: { rows: number; examples: string[] } | null }[];
}

describe('driftwatch check --period', () => {
  it('prints one row per ISO week with the verdict of each column', () => {
    const r = driftwatch(...byWeek());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Current: .*current\.csv \(4804 rows; 4 without timestamp, left out\)/);
    expect(r.stdout).toMatch(/^chunk\s+start\s+rows\s+drifted\s+dataset\s+income\s+age\s+plan\s+quality$/m);
    for (const [i, key] of weekKeys.entries()) {
      const income = i >= 3 ? 'DRIFT' : 'no';
      expect(r.stdout).toMatch(new RegExp(`^${key}\\s+\\d{4}-\\d\\d-\\d\\d\\s+800\\s+\\d / 3\\s+\\S+\\s+${income}\\s+no\\s`, 'm'));
    }
    expect(r.stdout).toMatch(/^2026-W11 .*plan: \d+ unseen \(enterprise\)/m);
  });

  it('prints the chunked report as JSON: verdicts, quality and series per week', () => {
    const r = driftwatch(...byWeek(), '--format', 'json', '--reference-chunks', '--dataset-share', '0.3');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      kind: 'chunked-drift',
      reference: { source: reference, rows: 2400, chunks: 4 },
      current: { source: current, rows: 4804, missingTimestamps: 4, droppedRows: 0 },
      chunking: { by: 'period', period: 'week', timestamp: 'ts' },
      summary: { chunks: 6, driftedChunks: 3, drifted: true, driftedChunkKeys: ['2026-W09', '2026-W10', '2026-W11'] },
    });
    const chunks = report.chunks as Chunk[];
    expect(chunks.map((c) => c.key)).toEqual(weekKeys);
    expect(chunks.map((c) => c.startDate)).toEqual([
      '2026-02-02T00:00:00.000Z',
      '2026-02-09T00:00:00.000Z',
      '2026-02-16T00:00:00.000Z',
      '2026-02-23T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
    ]);
    const verdict = (name: string) => chunks.map((c) => c.columns.find((x) => x.column === name)?.drifted);
    expect(verdict('income')).toEqual([false, false, false, true, true, true]);
    expect(verdict('age')).toEqual([false, false, false, false, false, false]);
    expect(verdict('plan')).toEqual([false, false, false, false, false, true]);
    expect(chunks.map((c) => c.dataset.drifted)).toEqual([false, false, false, true, true, true]);
    // The timestamp column is not drift-tested.
    expect(chunks[0].columns.map((c) => c.column)).toEqual(['income', 'age', 'plan']);
    const plan = chunks.map((c) => c.quality.find((q) => q.column === 'plan'));
    expect(plan.slice(0, 5).every((q) => q?.unseen?.rows === 0)).toBe(true);
    expect(plan[5]?.unseen?.examples).toEqual(['enterprise']);
    expect(plan[5]?.unseen?.rows).toBeGreaterThan(150);
    expect(plan[5]?.invalid).toBeNull();
    const income = report.series.find((s: { column: string }) => s.column === 'income');
    expect(income.points.map((p: { alert: boolean }) => p.alert)).toEqual(verdict('income'));
    expect(income.band.values).toHaveLength(4);
    expect(income.points.slice(3).map((p: { outsideBand: boolean }) => p.outsideBand)).toEqual([true, true, true]);
  });

  it('exits 1 with --fail-on-drift when any chunk drifts, 0 when none does', () => {
    expect(driftwatch(...byWeek(), '--fail-on-drift').status).toBe(1);
    expect(driftwatch(...byWeek(), '--fail-on-drift', '--columns', 'age').status).toBe(0);
    expect(driftwatch(...byWeek()).status).toBe(0);
  });

  it('prints Markdown and writes per-chunk metric points as one time series per figure, at each week start', () => {
    const metrics = join(dir, 'metrics.jsonl');
    const r = driftwatch(...byWeek(), '--format', 'markdown', '--metrics-out', metrics);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# Drift report by chunk$/m);
    expect(r.stdout).toMatch(/^\| chunk \| start \| rows \| drifted \| dataset \| income \| age \| plan \| quality \|$/m);
    expect(r.stdout).toMatch(/^\| 2026-W09 \| 2026-02-23 \| 800 \| 1 \/ 3 \| no \| DRIFT \| no \| no \|/m);
    type Point = { name: string; value: number; timestamp: string; dimensions: Record<string, string>; chunk?: string };
    const points: Point[] = readFileSync(metrics, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Per week: 3 drift.score + dataset.drift_share, and two quality shares per column.
    expect(points).toHaveLength(6 * (4 + 3 * 2));
    // One series per (name, dimensions), not one per week: no chunk dimension, a window dimension, the week's start as time.
    const series = new Set(points.map((p) => `${p.name} ${JSON.stringify(Object.entries(p.dimensions).sort())}`));
    expect(series.size).toBe(4 + 3 * 2);
    expect(points.every((p) => p.dimensions.chunk === undefined && p.dimensions.window === 'week')).toBe(true);
    expect([...new Set(points.map((p) => p.timestamp))]).toEqual([
      '2026-02-02T00:00:00.000Z',
      '2026-02-09T00:00:00.000Z',
      '2026-02-16T00:00:00.000Z',
      '2026-02-23T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
    ]);
    const unseen = (week: string) => points.find((p) => p.name === 'quality.unseen_share' && p.chunk === week)?.value;
    expect(unseen('2026-W06')).toBe(0);
    expect(unseen('2026-W11')).toBeGreaterThan(0);
    expect(new Set(points.map((p) => p.chunk))).toEqual(new Set(weekKeys));
    const w09 = points.find(
      (p) => p.name === 'drift.score' && p.timestamp === '2026-02-23T00:00:00.000Z' && p.dimensions.feature === 'income',
    );
    expect(w09?.dimensions.method).toBe('wasserstein');
  });

  it('writes one metric per chunk with --chunk-dimension', () => {
    const metrics = join(dir, 'metrics-by-chunk.jsonl');
    const r = driftwatch(...byWeek(), '--format', 'json', '--metrics-out', metrics, '--chunk-dimension');
    expect(r.status).toBe(0);
    const points: { dimensions: Record<string, string>; timestamp: string }[] = readFileSync(metrics, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(points.map((p) => p.dimensions.chunk))).toEqual(new Set(weekKeys));
    expect(new Set(points.map((p) => p.timestamp)).size).toBe(1);
  });

  it('names the file and column when the timestamp column is missing', () => {
    const r = driftwatch('check', '-r', reference, '-c', current, '--period', 'day', '--timestamp', 'when');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${current}: timestamp column "when" is not in the data (its columns: ts, income, age, plan)`);
    const notDates = driftwatch('check', '-r', reference, '-c', current, '--period', 'day', '--timestamp', 'age');
    expect(notDates.status).toBe(2);
    expect(notDates.stderr).toMatch(/timestamp column "age" has no date-time in any of its 4804 rows/);
  });
});

describe('driftwatch check --window / --chunks', () => {
  const rowsOf = (r: { stdout: string }) => (JSON.parse(r.stdout).chunks as Chunk[]).map((c) => c.rows);

  it('cuts by rows with the incomplete policy, and by count into equal chunks', () => {
    const base = ['check', '-r', reference, '-c', current, '--format', 'json'];
    expect(rowsOf(driftwatch(...base, '--window', '1000'))).toEqual([1000, 1000, 1000, 1000, 804]);
    expect(rowsOf(driftwatch(...base, '--window', '1000', '--incomplete', 'merge'))).toEqual([1000, 1000, 1000, 1804]);
    const dropped = driftwatch(...base, '--window', '1000', '--incomplete', 'drop');
    expect(rowsOf(dropped)).toEqual([1000, 1000, 1000, 1000]);
    expect(JSON.parse(dropped.stdout).current.droppedRows).toBe(804);
    const counted = JSON.parse(driftwatch(...base, '--chunks', '3').stdout);
    expect(counted.chunks.map((c: Chunk) => [c.key, c.rows])).toEqual([
      ['rows 0–1601', 1602],
      ['rows 1602–3202', 1601],
      ['rows 3203–4803', 1601],
    ]);
    // Without --timestamp the ts column is an ordinary (skipped) datetime column.
    expect(counted.chunks[0].columns.map((c: { column: string }) => c.column)).toContain('ts');
    const dated = JSON.parse(driftwatch(...base, '--chunks', '2', '--timestamp', 'ts').stdout);
    // Shuffled rows: each half spans the whole six weeks, from its earliest to its latest timestamp.
    for (const c of dated.chunks) {
      expect(c.startDate).toMatch(/^2026-02-02T/);
      expect(c.endDate).toMatch(/^2026-03-15T/);
    }
    expect(dated.chunks[0].columns.map((c: { column: string }) => c.column)).toEqual(['income', 'age', 'plan']);
  });
});

describe('driftwatch check chunk flags: usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['--window', '100', '--period', 'week', '--timestamp', 'ts'], /--window and --period cannot be combined/],
    [['--window', '100', '--chunks', '4'], /--window and --chunks cannot be combined/],
    [['--period', 'week'], /--period needs --timestamp COLUMN/],
    [['--period', 'year', '--timestamp', 'ts'], /argument 'year' is invalid\. Allowed choices are hour, day, week, month/],
    [['--window', '0'], /--window "0" must be a whole number ≥ 1/],
    [['--window', '2.5'], /--window "2\.5" must be a whole number ≥ 1/],
    [['--chunks', 'many'], /--chunks "many" must be a whole number ≥ 1/],
    [['--chunks', '3', '--incomplete', 'drop'], /--incomplete applies to --window only/],
    [['--window', '10', '--incomplete', 'append'], /argument 'append' is invalid\. Allowed choices are keep, drop, merge/],
    [['--timestamp', 'ts'], /--timestamp needs --period/],
    [['--reference-chunks'], /--reference-chunks needs --window, --chunks or --period/],
  ];
  for (const [flags, message] of cases) {
    it(`rejects ${flags.join(' ')}`, () => {
      const r = driftwatch('check', '-r', reference, '-c', current, ...flags);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('documents the chunk flags with an example in --help', () => {
    const r = driftwatch('check', '--help');
    expect(r.status).toBe(0);
    for (const flag of [
      '--window <rows>',
      '--chunks <n>',
      '--period <period>',
      '--timestamp <column>',
      '--incomplete <policy>',
      '--reference-chunks',
    ])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('driftwatch check -r ref.csv -c cur.csv --period week --timestamp ts --reference-chunks --fail-on-drift');
  });
});
