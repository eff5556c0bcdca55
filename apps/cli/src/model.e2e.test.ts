import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReportData } from '@driftwatch/report';
import { beforeAll, describe, expect, it } from 'vitest';
import sklearn from './__fixtures__/scored-metrics.json' with { type: 'json' };

// End to end: `metrics`, `estimate`, `detect` and the HTML reports, as a user runs them.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const main = join(root, 'apps/cli/dist/main.js');
const reference = 'examples/data/scored-reference.csv';
const current = 'examples/data/scored-current.csv';
const model = ['-y', 'churned', '-p', 'churn_predicted', '--proba', 'churn_score'];

function driftwatch(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function closeTo(actual: number | null, expected: number, rel = 1e-12) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

let dir: string;
beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run "pnpm build" first (pnpm test does)`);
  dir = mkdtempSync(join(tmpdir(), 'dw-model-'));
});

interface MetricsJson {
  schemaVersion: number;
  kind: string;
  task: string;
  positive: string;
  data: { rows: number; labelledRows: number };
  metrics: { metric: string; value: number | null; ci?: { lower: number; upper: number; level: number } }[];
  series: {
    metric: string;
    thresholdType: string;
    threshold: { lower: number | null; upper: number | null };
    points: { chunk: string; labelledRows: number; value: number | null; reason?: string; alert: boolean; samplingError: number | null }[];
  }[];
  alerts: { metric: string; chunk: string }[];
}

describe('driftwatch metrics', () => {
  const run = (...extra: string[]) =>
    driftwatch('metrics', '-d', current, ...model, '--period', 'week', '--timestamp', 'ts', '-r', reference, '--format', 'json', ...extra);

  it('matches scikit-learn over all labelled rows and per ISO week, with nulls where a week has no labels', () => {
    const r = run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as MetricsJson;
    expect(report).toMatchObject({
      schemaVersion: 1,
      kind: 'performance',
      task: 'binary',
      positive: '1',
      data: { rows: 4800, labelledRows: 3600 },
    });
    for (const m of report.metrics) {
      closeTo(m.value, sklearn.overall[m.metric as 'f1']);
      // The 95% bootstrap interval brackets the value.
      expect(m.ci?.level).toBe(0.95);
      expect(m.ci?.lower).toBeLessThan(m.value as number);
      expect(m.ci?.upper).toBeGreaterThan(m.value as number);
    }
    const weeks = sklearn.weeks as Record<string, Record<string, number>>;
    for (const s of report.series) {
      expect(s.thresholdType).toBe('std');
      expect(s.points.map((p) => p.chunk)).toEqual(Object.keys(weeks));
      for (const p of s.points) {
        const expected = weeks[p.chunk] as Record<string, number>;
        expect(p.labelledRows).toBe(expected.rows);
        if (expected.rows === 0) expect(p).toMatchObject({ value: null, reason: 'no_rows', alert: false });
        else closeTo(p.value, expected[s.metric] as number);
      }
    }
    // Churn rises as the inputs drift: recall climbs above the reference band in the last labelled weeks.
    const recall = report.series.find((s) => s.metric === 'recall');
    expect(recall?.points.filter((p) => p.alert).map((p) => p.chunk)).toEqual(['2026-W14', '2026-W15']);
    expect(report.alerts.length).toBe(report.series.flatMap((s) => s.points.filter((p) => p.alert)).length);
  });

  it('sets constant thresholds from --min, exits 1 on an alert with --fail-on-alert, and reads a continuous target as regression', () => {
    const r = run('--metrics', 'accuracy', '--min', 'accuracy=0.7', '--fail-on-alert', '--bootstrap', '0');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as MetricsJson;
    expect(report.series[0]?.threshold).toEqual({ lower: 0.7, upper: null });
    expect(report.alerts.map((a) => a.chunk)).toEqual(['2026-W14', '2026-W15']);
    expect(report.metrics[0]?.ci).toBeUndefined();
    const reg = driftwatch('metrics', '-d', current, '-y', 'monthly_spend', '-p', 'tenure_months', '--format', 'json', '--bootstrap', '0');
    expect(reg.status).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({
      task: 'regression',
      metrics: [{ metric: 'mae' }, { metric: 'rmse' }, { metric: 'r2' }],
    });
  });

  it('rejects bad flags and columns with exit status 2 and a message naming them', () => {
    const cases: [string[], RegExp][] = [
      [['--metrics', 'f2'], /unknown metric "f2".*known: .*f1/],
      [['--max-drop', '0.05', '--chunks', '3'], /--chunks and --period cannot be combined/],
      [['--confidence', '2'], /--confidence "2" must be a number between 0.5 and 0.999/],
    ];
    for (const [flags, message] of cases) {
      const r = run(...flags);
      expect(r.status, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const missing = driftwatch('metrics', '-d', current, '-y', 'label', '-p', 'churn_predicted');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/scored-current\.csv: no column "label" \(--target\); columns: customer_id, ts/);
    const noWindow = driftwatch('metrics', '-d', current, ...model, '--min', 'f1=0.5');
    expect(noWindow.status).toBe(2);
    expect(noWindow.stderr).toMatch(/alert per chunk: add --window, --chunks or --period/);
  });
});

describe('driftwatch estimate', () => {
  it('estimates every week, labelled or not, and follows the realised metrics where labels exist', () => {
    const r = driftwatch('estimate', '-r', reference, '-c', current, ...model, '--period', 'week', '--timestamp', 'ts', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      schemaVersion: number;
      method: string;
      calibrated: boolean[];
      series: {
        metric: string;
        points: { chunk: string; estimate: number; realised?: number; labelledRows: number; lower: number; upper: number }[];
      }[];
    };
    expect(report).toMatchObject({ schemaVersion: 1, method: 'cbpe' });
    // The example model is over-confident: CBPE recalibrates it on the reference.
    expect(report.calibrated).toEqual([true]);
    const weeks = sklearn.weeks as Record<string, Record<string, number>>;
    for (const s of report.series) {
      expect(s.points).toHaveLength(8);
      const labelled = s.points.filter((p) => p.labelledRows > 0);
      expect(labelled).toHaveLength(6);
      // Unlabelled weeks are estimated too, without a realised value.
      for (const p of s.points.filter((p) => p.labelledRows === 0)) {
        expect(p.realised).toBeUndefined();
        expect(p.estimate).toBeGreaterThan(0);
      }
      if (s.metric === 'specificity') continue;
      // The realised value shown is scikit-learn's (ROC AUC on raw scores).
      for (const p of labelled) closeTo(p.realised as number, (weeks[p.chunk] as Record<string, number>)[s.metric] as number, 1e-9);
      const mae = labelled.reduce((a, p) => a + Math.abs(p.estimate - (p.realised as number)), 0) / labelled.length;
      // Measured on the example data: accuracy 0.026, f1 0.037, precision 0.053, recall 0.024, roc_auc 0.031 (600-row weeks).
      expect(mae, s.metric).toBeLessThan(0.07);
    }
  });
});

describe('driftwatch detect', () => {
  it('prints the positions where ADWIN and Page-Hinkley flag a level shift, and rejects bad values and parameters', () => {
    const lines = ['x'];
    for (let i = 0; i < 2000; i++) lines.push(String((i < 1000 ? 0.2 : 0.8) + 0.05 * Math.sin(i * 12.9898)));
    const stream = join(dir, 'stream.csv');
    writeFileSync(stream, `${lines.join('\n')}\n`);
    const adwin = driftwatch('detect', '--detector', 'adwin', '--input', stream, '--column', 'x', '--format', 'json');
    expect(adwin.status).toBe(0);
    const a = JSON.parse(adwin.stdout) as {
      schemaVersion: number;
      detector: string;
      drifts: number[];
      warnings: number[];
      params: Record<string, unknown>;
    };
    expect(a).toMatchObject({ schemaVersion: 1, detector: 'adwin', warnings: [], params: { delta: 0.002 } });
    expect(a.drifts.length).toBeGreaterThanOrEqual(1);
    expect(a.drifts[0]).toBeGreaterThanOrEqual(1000);
    expect(a.drifts[0]).toBeLessThan(1100);
    const ph = driftwatch(
      'detect',
      '--detector',
      'page_hinkley',
      '--param',
      'threshold=5',
      '--input',
      stream,
      '--column',
      'x',
      '--format',
      'json',
    );
    expect((JSON.parse(ph.stdout) as { params: { threshold: number } }).params.threshold).toBe(5);
    const text = driftwatch('detect', '--detector', 'adwin', '--input', stream, '--column', 'x');
    expect(text.stdout).toContain(`drifts at:   ${a.drifts.join(', ')}`);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x\n0\n1\nNA\n1\n');
    const missing = driftwatch('detect', '--detector', 'ddm', '--input', bad, '--column', 'x');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/bad\.csv: data row 3 of column "x" \(position 2\)/);
    // An empty line in a one-column file is a missing value too (issue 12.10), not a line to skip; one after the last value is fine.
    const gap = join(dir, 'gap.csv');
    writeFileSync(gap, 'x\n0\n1\n\n1\n0\n\n');
    const blank = driftwatch('detect', '--detector', 'ddm', '--input', gap, '--column', 'x');
    expect(blank.status).toBe(2);
    expect(blank.stderr).toBe(
      `driftwatch: error: ${gap}:4: an empty line among the values of "x": a missing value stops the replay (positions would shift if it were skipped); remove the line or write the value\n`,
    );
    writeFileSync(gap, 'x\n0\n1\n1\n0\n\n\n');
    expect(driftwatch('detect', '--detector', 'ddm', '--input', gap, '--column', 'x').status).toBe(0);
    const param = driftwatch('detect', '--detector', 'adwin', '--param', 'delt=1', '--input', stream, '--column', 'x');
    expect(param.status).toBe(2);
    expect(param.stderr).toMatch(/unknown parameter "delt" \(valid: delta/);
    const unknown = driftwatch('detect', '--detector', 'adwim', '--input', stream, '--column', 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown streaming detector "adwim" \(known: adwin, ddm/);
  });

  it('replays a plain CSV while reading it (any row count, TSV too, --output) as the general reader would, and names a rejected value', () => {
    // 70 001 rows: more than one of the reader's blocks, so blocks and row positions join up.
    const lines = ['id,x'];
    for (let i = 0; i < 70_001; i++) lines.push(`${i},${(i < 50_000 ? 0.2 : 0.9) + 0.05 * Math.sin(i * 12.9898)}`);
    const plain = join(dir, 'long.csv');
    writeFileSync(plain, `${lines.join('\n')}\n`);
    // The same values in a file the general reader takes (a quoted header name), and as TSV.
    const quoted = join(dir, 'long-quoted.csv');
    writeFileSync(quoted, `"id",x\n${lines.slice(1).join('\n')}\n`);
    const tsv = join(dir, 'long.tsv');
    writeFileSync(tsv, `${lines.map((l) => l.replace(',', '\t')).join('\n')}\n`);
    const out = join(dir, 'detect-out.json');
    const run = (file: string, ...extra: string[]) =>
      driftwatch('detect', '--detector', 'page_hinkley', '--input', file, '--column', 'x', '--format', 'json', ...extra);
    const fast = run(plain);
    expect(fast.status).toBe(0);
    const report = JSON.parse(fast.stdout) as { input: { values: number }; drifts: number[] };
    expect(report.input.values).toBe(70_001);
    expect(report.drifts[0]).toBeGreaterThanOrEqual(50_000);
    expect(JSON.parse(run(quoted).stdout)).toEqual({ ...report, input: { ...report.input, source: quoted } });
    expect(JSON.parse(run(tsv).stdout)).toEqual({ ...report, input: { ...report.input, source: tsv } });
    expect(run(plain, '--output', out).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(report);

    // DDM takes 0/1 only: the value 2 at data row 65 537 (in the second block) is named by its row.
    const errors = ['x'];
    for (let i = 0; i < 70_000; i++) errors.push(i === 65_536 ? '2' : String(i % 5 === 0 ? 1 : 0));
    const rejected = join(dir, 'errors.csv');
    writeFileSync(rejected, `${errors.join('\n')}\n`);
    const ddm = driftwatch('detect', '--detector', 'ddm', '--input', rejected, '--column', 'x');
    expect(ddm.status).toBe(2);
    expect(ddm.stderr).toMatch(
      /errors\.csv: data row 65537 of column "x" \(position 65536\): ddm: value must be 0 \(correct\) or 1 \(error\), got 2/,
    );
    // Rejected early, with a missing value further on: the file is reported as before (the general reader's path).
    errors[3] = '7';
    errors[60_000] = 'NA';
    writeFileSync(rejected, `${errors.join('\n')}\n`);
    const early = driftwatch('detect', '--detector', 'ddm', '--input', rejected, '--column', 'x');
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(/data row 3 of column "x" \(position 2\): ddm: value must be .*got 7/);
  });

  it('ends quietly with status 0 when the reader of its output goes away (EPIPE on write(2))', () => {
    // Page-Hinkley with a tiny threshold flags almost every value: ~0.6 MB of JSON, far more than a pipe holds.
    const values = ['x'];
    for (let i = 0; i < 100_000; i++) values.push(String((i * 7919) % 13));
    const file = join(dir, 'many-drifts.csv');
    writeFileSync(file, `${values.join('\n')}\n`);
    const args = ['detect', '--detector', 'page_hinkley', '--param', 'min_instances=1', '--param', 'threshold=0.001'];
    const full = driftwatch(...args, '--input', file, '--column', 'x', '--format', 'json');
    expect(full.status).toBe(0);
    expect(full.stdout.length).toBeGreaterThan(256 * 1024);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"$0" "$1" ${args.join(' ')} --input "$2" --column x --format json | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`,
        process.execPath,
        main,
        file,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });
});

describe('--format html', () => {
  it('writes one self-contained page per command whose embedded data matches the JSON report', () => {
    const out = join(dir, 'check.html');
    const r = driftwatch(
      'check',
      '-r',
      'examples/data/reference.csv',
      '-c',
      'examples/data/current.csv',
      '--ignore',
      'customer_id',
      '--format',
      'html',
      '-o',
      out,
    );
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']http/);
    const json = JSON.parse(
      driftwatch(
        'check',
        '-r',
        'examples/data/reference.csv',
        '-c',
        'examples/data/current.csv',
        '--ignore',
        'customer_id',
        '--format',
        'json',
      ).stdout,
    ) as {
      columns: { column: string; drifted: boolean }[];
    };
    const data = extractReportData(html);
    expect(data.drift?.map((d) => [d.column, d.drifted])).toEqual(json.columns.map((c) => [c.column, c.drifted]));
    // Binned distributions of every column, never raw rows: the page stays small.
    expect(data.distributions).toHaveLength(json.columns.length);
    expect(html.length).toBeLessThan(100_000);

    for (const [command, args] of [
      ['metrics', ['-d', current, ...model, '--period', 'week', '--timestamp', 'ts', '-r', reference]],
      ['estimate', ['-r', reference, '-c', current, ...model, '--chunks', '5']],
      ['check', ['-r', reference, '-c', current, '--ignore', 'customer_id', '--period', 'week', '--timestamp', 'ts', '--reference-chunks']],
    ] as const) {
      const file = join(dir, `${command}.html`);
      const run = driftwatch(command, ...args, '--format', 'html', '-o', file);
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
      const report = extractReportData(readFileSync(file, 'utf8'));
      expect(report?.timeSeries?.length, command).toBeGreaterThan(0);
      expect(report?.verdict?.headline, command).toMatch(/alert|drift/i);
    }
  });
});
