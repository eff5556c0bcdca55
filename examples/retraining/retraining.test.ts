import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv.mjs';
import { DEMO_COLUMNS, demoRowsToCsv, driftLevel, generateDemoData } from './demoData.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '__fixtures__');
const scripts = {
  train: join(here, 'train.mjs'),
  predict: join(here, 'predict.mjs'),
  generate: join(here, 'generate-demo-data.mjs'),
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script with only PATH and the given variables in its environment (nothing inherited from DRIFTWATCH_*). */
function run(script: string, env: Record<string, string>, args: string[] = []): Run {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(r: Run): Run {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return r;
}

function train(data: string, outDir: string, extra: Record<string, string> = {}): any {
  ok(run(scripts.train, { DRIFTWATCH_TRAIN_DATA: data, DRIFTWATCH_PARAM_TARGET: 'churned', DRIFTWATCH_OUTPUT_DIR: outDir, ...extra }));
  return JSON.parse(readFileSync(join(outDir, 'model.json'), 'utf8'));
}

function predict(modelDir: string, input: string, out: string): { prediction: number[]; proba: number[]; text: string } {
  ok(run(scripts.predict, { DRIFTWATCH_MODEL_DIR: modelDir, DRIFTWATCH_INPUT: input, DRIFTWATCH_PREDICTIONS: out }));
  const text = readFileSync(out, 'utf8');
  const { header, rows } = parseCsv(text, out);
  expect(header).toEqual(['prediction', 'proba']);
  return { prediction: rows.map((r: string[]) => Number(r[0])), proba: rows.map((r: string[]) => Number(r[1])), text };
}

function labels(csvPath: string, column = 'churned'): number[] {
  const { header, rows } = parseCsv(readFileSync(csvPath, 'utf8'), csvPath);
  const c = header.indexOf(column);
  return rows.map((r: string[]) => Number(r[c]));
}

function scores(truth: number[], predicted: number[]): { accuracy: number; f1: number } {
  expect(predicted).toHaveLength(truth.length);
  let correct = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === predicted[i]) correct++;
    if (predicted[i] === 1 && truth[i] === 1) tp++;
    if (predicted[i] === 1 && truth[i] === 0) fp++;
    if (predicted[i] === 0 && truth[i] === 1) fn++;
  }
  return { accuracy: correct / truth.length, f1: (2 * tp) / (2 * tp + fp + fn) };
}

/** Splits a CSV file's text into its header line and data lines (the demo files hold no quoted line breaks). */
function csvLines(path: string): { header: string; lines: string[] } {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return { header, lines };
}

let tmp: string;
let data: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'driftwatch-retraining-'));
  data = join(tmp, 'data');
  ok(run(scripts.generate, {}, [data]));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('generate-demo-data.mjs', () => {
  it('writes the same bytes every time, equal to the exported generator, and no temporary file', () => {
    const again = join(tmp, 'data-again');
    const r = ok(run(scripts.generate, {}, [again]));
    expect(r.stdout).toContain('reference.csv');
    for (const name of ['reference.csv', 'production.csv']) {
      expect(readFileSync(join(again, name)).equals(readFileSync(join(data, name)))).toBe(true);
    }
    const { reference, production } = generateDemoData();
    expect(readFileSync(join(data, 'reference.csv'), 'utf8')).toBe(demoRowsToCsv(reference));
    expect(readFileSync(join(data, 'production.csv'), 'utf8')).toBe(demoRowsToCsv(production));
    expect(readdirSync(again).sort()).toEqual(['production.csv', 'reference.csv']);
  });

  it('gives another data set for another seed', () => {
    const other = join(tmp, 'data-seed-7');
    ok(run(scripts.generate, {}, [other, '--seed', '7']));
    expect(readFileSync(join(other, 'reference.csv'), 'utf8')).not.toBe(readFileSync(join(data, 'reference.csv'), 'utf8'));
    expect(readFileSync(join(other, 'reference.csv'), 'utf8')).toBe(demoRowsToCsv(generateDemoData({ seed: 7 }).reference));
  });

  it('has 8 + 8 weekly windows of about 600 rows from Monday 2026-01-05, sorted by event_at', () => {
    const { reference, production } = generateDemoData();
    const monday = Date.UTC(2026, 0, 5);
    expect(new Date(monday).getUTCDay()).toBe(1);
    const week = 7 * 86_400_000;
    for (const [rows, firstWeek] of [
      [reference, 0],
      [production, 8],
    ] as const) {
      const counts = new Array(8).fill(0);
      let previous = '';
      for (const row of rows) {
        expect(row.event_at >= previous).toBe(true);
        previous = row.event_at;
        const w = Math.floor((Date.parse(row.event_at) - monday) / week) - firstWeek;
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThan(8);
        counts[w]++;
      }
      for (const count of counts) {
        expect(count).toBeGreaterThanOrEqual(560);
        expect(count).toBeLessThanOrEqual(640);
      }
    }
    expect(readFileSync(join(data, 'reference.csv'), 'utf8').split('\n', 1)[0]).toBe(DEMO_COLUMNS.join(','));
    const ids = [...reference, ...production].map((r) => r.customer_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('drifts in inputs from production week 3 on, not before, with a realistic churn rate', () => {
    const { reference, production } = generateDemoData();
    const weekOf = (row: { event_at: string }) => Math.floor((Date.parse(row.event_at) - Date.UTC(2026, 0, 5)) / (7 * 86_400_000));
    const summary = (rows: any[]) => {
      const mean = (f: (r: any) => number | null) => {
        const values = rows.map(f).filter((v): v is number => v !== null);
        return values.reduce((a, b) => a + b, 0) / values.length;
      };
      return {
        charges: mean((r) => r.monthly_charges),
        calls: mean((r) => r.support_calls),
        premium: mean((r) => (r.plan === 'premium' ? 1 : 0)),
        churn: mean((r) => r.churned),
        missing: mean((r) => (r.monthly_charges === null || r.support_calls === null ? 1 : 0)),
      };
    };
    const ref = summary(reference);
    const early = summary(production.filter((r) => weekOf(r) < 10));
    const late = summary(production.filter((r) => weekOf(r) >= 12));
    expect(ref.churn).toBeGreaterThan(0.15);
    expect(ref.churn).toBeLessThan(0.3);
    expect(ref.missing).toBeGreaterThan(0.01);
    expect(Math.abs(early.charges / ref.charges - 1)).toBeLessThan(0.05);
    expect(Math.abs(early.premium - ref.premium)).toBeLessThan(0.04);
    expect(late.charges / ref.charges).toBeGreaterThan(1.2);
    expect(late.premium - ref.premium).toBeGreaterThan(0.15);
    expect(late.calls / ref.calls).toBeGreaterThan(1.4);
    expect([7, 8, 9, 10, 11, 12, 13].map(driftLevel)).toEqual([0, 0, 0, 1 / 3, 2 / 3, 1, 1]);
  });

  it('exits 2 without an output folder or with a bad seed', () => {
    const missing = run(scripts.generate, {});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('generate-demo-data: missing <outDir> (usage: generate-demo-data.mjs <outDir> [--seed <int>])\n');
    const badSeed = run(scripts.generate, {}, [join(tmp, 'never'), '--seed', 'x']);
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toMatch(/^generate-demo-data: --seed: "x" is not an integer/);
  });
});

describe('train.mjs and predict.mjs on the demo data', () => {
  it('trains deterministically: two runs write the same model.json, and nothing else', () => {
    const a = join(tmp, 'model-a');
    const b = join(tmp, 'model-b');
    const model = train(join(data, 'reference.csv'), a, { DRIFTWATCH_PARAM_SEED: '42' });
    train(join(data, 'reference.csv'), b, { DRIFTWATCH_PARAM_SEED: '42' });
    expect(readFileSync(join(a, 'model.json')).equals(readFileSync(join(b, 'model.json')))).toBe(true);
    expect(readdirSync(a)).toEqual(['model.json']);
    expect(model.features.map((f: any) => [f.name, f.kind])).toEqual([
      ['tenure_months', 'numeric'],
      ['monthly_charges', 'numeric'],
      ['support_calls', 'numeric'],
      ['plan', 'categorical'],
      ['region', 'categorical'],
    ]);
    expect(model.features[3].categories).toEqual(['basic', 'premium', 'standard']);
    expect(model.ignored.map((i: any) => i.name)).toEqual(['customer_id', 'event_at']);
    expect(model.coefficients).toHaveLength(model.terms.length);
    expect(model.trainingRows).toBe(generateDemoData().reference.length);
    expect(model.seed).toBe(42);
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThanOrEqual(10);
    expect(model.trainingLogLoss).toBeGreaterThan(0.2);
    expect(model.trainingLogLoss).toBeLessThan(Math.log(2));
  });

  it('trains on all 16 weeks (about 9 600 rows) well within a second, leaving out columns listed in DRIFTWATCH_PARAM_IGNORE', () => {
    const all = join(tmp, 'all.csv');
    const production = csvLines(join(data, 'production.csv'));
    writeFileSync(all, readFileSync(join(data, 'reference.csv'), 'utf8') + production.lines.join('\n') + '\n');
    const started = performance.now();
    const model = train(all, join(tmp, 'model-all'), { DRIFTWATCH_PARAM_IGNORE: 'region, plan' });
    // Process start included; generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(model.trainingRows).toBeGreaterThan(9000);
    expect(model.terms).toEqual(['tenure_months', 'monthly_charges', 'support_calls']);
    expect(model.ignored.map((i: any) => i.name)).toEqual(['customer_id', 'event_at', 'plan', 'region']);
  });

  it('with DRIFTWATCH_PARAM_THRESHOLD=f1 picks the cut that maximises training F1, and predict applies it', () => {
    const dir = join(tmp, 'model-f1');
    const model = train(join(data, 'reference.csv'), dir, { DRIFTWATCH_PARAM_THRESHOLD: 'f1' });
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(0.5);
    const out = predict(dir, join(data, 'reference.csv'), join(tmp, 'f1-predictions.csv'));
    const truth = labels(join(data, 'reference.csv'));
    const at = (t: number) =>
      scores(
        truth,
        out.proba.map((p) => (p >= t ? 1 : 0)),
      ).f1;
    expect(out.prediction).toEqual(out.proba.map((p) => (p >= model.threshold ? 1 : 0)));
    // No other cut does better on the training rows: the chosen one beats 0.5 and its neighbours.
    expect(at(model.threshold)).toBeGreaterThan(at(0.5));
    for (const t of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]) expect(at(model.threshold)).toBeGreaterThanOrEqual(at(t));
  });

  it('a model retrained with labelled production rows beats the reference model on the latest 20 % of production', () => {
    const reference = csvLines(join(data, 'reference.csv'));
    const production = csvLines(join(data, 'production.csv'));
    const cut = Math.floor(production.lines.length * 0.8);
    const retrainData = join(tmp, 'retrain.csv');
    const holdout = join(tmp, 'holdout.csv');
    writeFileSync(retrainData, [reference.header, ...reference.lines, ...production.lines.slice(0, cut), ''].join('\n'));
    writeFileSync(holdout, [production.header, ...production.lines.slice(cut), ''].join('\n'));

    const champion = join(tmp, 'champion');
    const challenger = join(tmp, 'challenger');
    train(join(data, 'reference.csv'), champion);
    expect(train(retrainData, challenger).trainingRows).toBe(reference.lines.length + cut);
    const truth = labels(holdout);
    const v1 = scores(truth, predict(champion, holdout, join(tmp, 'pred', 'v1.csv')).prediction);
    const v2 = scores(truth, predict(challenger, holdout, join(tmp, 'pred', 'v2.csv')).prediction);
    expect(v2.accuracy - v1.accuracy).toBeGreaterThanOrEqual(0.04);
    expect(v2.f1 - v1.f1).toBeGreaterThanOrEqual(0.05);

    // The champion was fine before the drift: its accuracy on the first two production weeks is
    // close to its accuracy on the reference, and clearly above its accuracy on the holdout.
    const early = join(tmp, 'early.csv');
    writeFileSync(early, [production.header, ...production.lines.filter((l) => l.split(',')[1] < '2026-03-16'), ''].join('\n'));
    const v1Early = scores(labels(early), predict(champion, early, join(tmp, 'pred', 'v1-early.csv')).prediction);
    const v1Reference = scores(
      labels(join(data, 'reference.csv')),
      predict(champion, join(data, 'reference.csv'), join(tmp, 'pred', 'v1-ref.csv')).prediction,
    );
    expect(Math.abs(v1Early.accuracy - v1Reference.accuracy)).toBeLessThan(0.03);
    expect(v1Early.accuracy - v1.accuracy).toBeGreaterThan(0.04);
  });

  it('predicts one row per input row, in order, whether or not the target column is there, atomically', () => {
    const model = join(tmp, 'model-order');
    train(join(data, 'reference.csv'), model);
    const { header, lines } = csvLines(join(data, 'production.csv'));
    const sample = lines.slice(0, 300);
    const forward = join(tmp, 'order-forward.csv');
    const backward = join(tmp, 'order-backward.csv');
    writeFileSync(forward, [header, ...sample, ''].join('\n'));
    writeFileSync(backward, [header, ...[...sample].reverse(), ''].join('\n'));
    const outDir = join(tmp, 'pred-order');
    const f = predict(model, forward, join(outDir, 'forward.csv'));
    const b = predict(model, backward, join(outDir, 'backward.csv'));
    expect(f.proba).toHaveLength(300);
    expect(b.proba).toEqual([...f.proba].reverse());
    expect(new Set(f.proba).size).toBeGreaterThan(250);
    for (let i = 0; i < f.proba.length; i++) {
      expect(f.proba[i]).toBeGreaterThan(0);
      expect(f.proba[i]).toBeLessThan(1);
      expect(f.prediction[i]).toBe(f.proba[i] >= 0.5 ? 1 : 0);
    }

    // Without the target column (dropped from every line): the same predictions, byte for byte.
    const unlabelled = join(tmp, 'order-unlabelled.csv');
    const drop = (line: string) => line.slice(0, line.lastIndexOf(','));
    writeFileSync(unlabelled, [drop(header), ...sample.map(drop), ''].join('\n'));
    expect(predict(model, unlabelled, join(outDir, 'unlabelled.csv')).text).toBe(f.text);

    // Overwriting an existing file works; no temporary file is left beside it.
    expect(predict(model, backward, join(outDir, 'forward.csv')).text).toBe(b.text);
    expect(readdirSync(outDir).sort()).toEqual(['backward.csv', 'forward.csv', 'unlabelled.csv']);
  });
});

describe('logistic regression against scikit-learn', () => {
  const reference = JSON.parse(readFileSync(join(fixtures, 'logreg-reference.json'), 'utf8'));

  for (const c of reference.cases) {
    it(`matches LogisticRegression(C = 1 / ${c.l2}) on a table with quoted fields, missing values and an unseen category`, () => {
      const out = join(tmp, `sk-${c.l2}`);
      const r = ok(
        run(scripts.train, {
          DRIFTWATCH_TRAIN_DATA: join(fixtures, reference.trainCsv),
          DRIFTWATCH_PARAM_TARGET: reference.target,
          DRIFTWATCH_PARAM_L2: String(c.l2),
          DRIFTWATCH_OUTPUT_DIR: out,
        }),
      );
      expect(r.stdout).toContain('converged');
      const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
      expect(model.terms).toEqual(c.terms);
      expect(model.ignored.map((i: any) => i.name)).toEqual(reference.ignored);
      const numeric = model.features.filter((f: any) => f.kind === 'numeric');
      numeric.forEach((f: any, j: number) => {
        expect(f.mean).toBeCloseTo(c.means[j], 9);
        expect(f.std).toBeCloseTo(c.stds[j], 9);
      });
      model.coefficients.forEach((beta: number, j: number) => {
        expect(Math.abs(beta - c.lbfgsCoefficients[j])).toBeLessThan(1e-6);
        expect(Math.abs(beta - c.coefficients[j])).toBeLessThan(1e-8);
      });
      expect(Math.abs(model.intercept - c.lbfgsIntercept)).toBeLessThan(1e-6);
      expect(Math.abs(model.intercept - c.intercept)).toBeLessThan(1e-8);

      const { proba } = predict(out, join(fixtures, reference.scoreCsv), join(out, 'score.csv'));
      expect(proba).toHaveLength(c.scoreProba.length);
      proba.forEach((p, i) => {
        expect(Math.abs(p - c.scoreProba[i])).toBeLessThan(1e-8);
      });
    });
  }
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM and missing values', () => {
    const text = '\uFEFFid,name,note\r\n1,"Smith, J","said ""hi""\r\nthen left"\r\n2,,plain\n\n3,"",x';
    const { header, rows, lines } = parseCsv(text, 'people.csv');
    expect(header).toEqual(['id', 'name', 'note']);
    expect(rows).toEqual([
      ['1', 'Smith, J', 'said "hi"\r\nthen left'],
      ['2', '', 'plain'],
      ['3', '', 'x'],
    ]);
    expect(lines).toEqual([2, 4, 6]);
  });

  it('reads back what formatCsv writes', () => {
    const rows = [
      ['a,b', 'say "x"', 'two\nlines', ''],
      ['plain', ' spaced ', '"', '\r'],
    ];
    expect(parseCsv(formatCsv(['c1', 'c2', 'c3', 'c4'], rows), 'x.csv').rows).toEqual(rows);
  });

  it.each([
    ['a,b\n1,"open\n', 'bad.csv: line 2: unterminated quoted field'],
    ['a,b\n1,x"y\n', 'bad.csv: line 2: quote inside an unquoted field'],
    ['a,b\n1,"x"y\n', 'bad.csv: line 2: unexpected character after closing quote'],
    ['a,b\n1,2\n3\n', 'bad.csv: line 3: 1 fields, the header has 2'],
    ['a,a\n1,2\n', 'bad.csv: line 1: duplicate column "a"'],
    ['', 'bad.csv: empty file'],
  ])('rejects %j', (text, message) => {
    expect(() => parseCsv(text, 'bad.csv')).toThrow(message);
  });
});

describe('bad input exits 2 with one line naming the problem', () => {
  let bad: string;
  let model: string;

  beforeAll(() => {
    bad = join(tmp, 'bad');
    mkdirSync(bad, { recursive: true });
    const files: Record<string, string> = {
      'header-only.csv': 'x,churned\n',
      'no-target.csv': 'x,y\n1,0\n',
      'yes-no.csv': 'x,churned\n1,0\n2,yes\n',
      'empty-label.csv': 'x,churned\n1,0\n2,\n',
      'one-class.csv': 'x,churned\n1,0\n2,0\n',
      'unterminated.csv': 'x,churned\n1,"0\n',
      'good.csv': 'x,plan,churned\n1,a,0\n2,b,1\n3,a,1\n4,b,0\n',
      'missing-feature.csv': 'plan\na\n',
      'not-a-number.csv': 'x,plan\n1,a\nabc,b\n',
      'not-json/model.json': '{ nope',
      'other-format/model.json': '{"format":"something-else"}',
      'broken-model/model.json':
        '{"format":"driftwatch-example-logreg/1","features":[{"name":"x","kind":"numeric","mean":0,"std":1}],"coefficients":[],"intercept":0}',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(bad, name)), { recursive: true });
      writeFileSync(join(bad, name), text);
    }
    model = join(bad, 'model');
    ok(
      run(scripts.train, {
        DRIFTWATCH_TRAIN_DATA: join(bad, 'good.csv'),
        DRIFTWATCH_PARAM_TARGET: 'churned',
        DRIFTWATCH_OUTPUT_DIR: model,
      }),
    );
  });

  /** `<unset>` removes the variable; `bad/…` is a file written above. */
  const resolve = (overrides: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(overrides).map(([k, v]) => [k, v === '<unset>' ? undefined : v.startsWith('bad/') ? join(bad, v.slice(4)) : v]),
    );

  const trainEnv = (overrides: Record<string, string | undefined>) => {
    const env: Record<string, string> = {};
    const all = {
      DRIFTWATCH_TRAIN_DATA: join(bad, 'good.csv'),
      DRIFTWATCH_PARAM_TARGET: 'churned',
      DRIFTWATCH_OUTPUT_DIR: join(bad, 'never'),
      ...overrides,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) env[k] = v;
    return env;
  };

  it.each([
    [{ DRIFTWATCH_TRAIN_DATA: '<unset>' }, () => 'train: DRIFTWATCH_TRAIN_DATA is not set'],
    [{ DRIFTWATCH_PARAM_TARGET: '<unset>' }, () => 'train: DRIFTWATCH_PARAM_TARGET is not set'],
    [{ DRIFTWATCH_OUTPUT_DIR: '' }, () => 'train: DRIFTWATCH_OUTPUT_DIR is not set'],
    [{ DRIFTWATCH_TRAIN_DATA: '/nonexistent/train.csv' }, () => 'train: DRIFTWATCH_TRAIN_DATA: cannot read /nonexistent/train.csv: ENOENT'],
    [
      { DRIFTWATCH_TRAIN_DATA: 'bad/no-target.csv' },
      (b: string) => `train: ${b}/no-target.csv: no target column "churned" (columns: x, y)`,
    ],
    [{ DRIFTWATCH_TRAIN_DATA: 'bad/header-only.csv' }, (b: string) => `train: ${b}/header-only.csv: no data rows`],
    [
      { DRIFTWATCH_TRAIN_DATA: 'bad/yes-no.csv' },
      (b: string) => `train: ${b}/yes-no.csv: line 3: target "churned" is "yes", expected 0 or 1`,
    ],
    [
      { DRIFTWATCH_TRAIN_DATA: 'bad/empty-label.csv' },
      (b: string) => `train: ${b}/empty-label.csv: line 3: target "churned" is "", expected 0 or 1`,
    ],
    [
      { DRIFTWATCH_TRAIN_DATA: 'bad/one-class.csv' },
      (b: string) => `train: ${b}/one-class.csv: target "churned" is always 0; training needs both labels`,
    ],
    [{ DRIFTWATCH_TRAIN_DATA: 'bad/unterminated.csv' }, (b: string) => `train: ${b}/unterminated.csv: line 2: unterminated quoted field`],
    [{ DRIFTWATCH_PARAM_L2: '-1' }, () => 'train: DRIFTWATCH_PARAM_L2: "-1" is not a positive number'],
    [{ DRIFTWATCH_PARAM_L2: 'strong' }, () => 'train: DRIFTWATCH_PARAM_L2: "strong" is not a positive number'],
    [{ DRIFTWATCH_PARAM_SEED: '1.5' }, () => 'train: DRIFTWATCH_PARAM_SEED: "1.5" is not an integer'],
    [{ DRIFTWATCH_PARAM_THRESHOLD: '1' }, () => 'train: DRIFTWATCH_PARAM_THRESHOLD: "1" is not a number in (0, 1) or "f1"'],
  ])('train with %j', (overrides, message) => {
    const resolved = resolve(overrides);
    const r = run(scripts.train, trainEnv(resolved));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${message(bad)}\n`);
    expect(r.stdout).toBe('');
    expect(readdirSync(bad)).not.toContain('never');
  });

  const predictEnv = (overrides: Record<string, string | undefined>) => {
    const env: Record<string, string> = {};
    const all = {
      DRIFTWATCH_MODEL_DIR: model,
      DRIFTWATCH_INPUT: join(bad, 'good.csv'),
      DRIFTWATCH_PREDICTIONS: join(bad, 'out', 'predictions.csv'),
      ...overrides,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) env[k] = v;
    return env;
  };

  it.each([
    [{ DRIFTWATCH_MODEL_DIR: '<unset>' }, () => 'predict: DRIFTWATCH_MODEL_DIR is not set'],
    [{ DRIFTWATCH_INPUT: '<unset>' }, () => 'predict: DRIFTWATCH_INPUT is not set'],
    [{ DRIFTWATCH_PREDICTIONS: '<unset>' }, () => 'predict: DRIFTWATCH_PREDICTIONS is not set'],
    [{ DRIFTWATCH_MODEL_DIR: 'bad/' }, (b: string) => `predict: DRIFTWATCH_MODEL_DIR: cannot read ${b}/model.json: ENOENT`],
    [{ DRIFTWATCH_MODEL_DIR: 'bad/not-json' }, (b: string) => `predict: ${b}/not-json/model.json: not valid JSON`],
    [
      { DRIFTWATCH_MODEL_DIR: 'bad/other-format' },
      (b: string) => `predict: ${b}/other-format/model.json: not a model written by train.mjs`,
    ],
    [{ DRIFTWATCH_MODEL_DIR: 'bad/broken-model' }, (b: string) => `predict: ${b}/broken-model/model.json: malformed model`],
    [{ DRIFTWATCH_INPUT: '/nonexistent/input.csv' }, () => 'predict: DRIFTWATCH_INPUT: cannot read /nonexistent/input.csv: ENOENT'],
    [
      { DRIFTWATCH_INPUT: 'bad/missing-feature.csv' },
      (b: string) => `predict: ${b}/missing-feature.csv: no column "x", which the model uses (columns: plan)`,
    ],
    [
      { DRIFTWATCH_INPUT: 'bad/not-a-number.csv' },
      (b: string) => `predict: ${b}/not-a-number.csv: line 3: column "x": "abc" is not a number`,
    ],
  ])('predict with %j', (overrides, message) => {
    const resolved = resolve(overrides);
    const r = run(scripts.predict, predictEnv(resolved));
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith(message(bad))).toBe(true);
    expect(r.stderr.trimEnd()).not.toContain('\n');
    expect(readdirSync(bad)).not.toContain('out');
  });

  it('leaves an earlier predictions file untouched when scoring fails', () => {
    const out = join(bad, 'kept', 'predictions.csv');
    ok(run(scripts.predict, predictEnv({ DRIFTWATCH_PREDICTIONS: out })));
    const before = readFileSync(out, 'utf8');
    expect(before.split('\n')[0]).toBe('prediction,proba');
    const r = run(scripts.predict, predictEnv({ DRIFTWATCH_PREDICTIONS: out, DRIFTWATCH_INPUT: join(bad, 'not-a-number.csv') }));
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(join(bad, 'kept'))).toEqual(['predictions.csv']);
  });
});
