import { readFileSync } from 'node:fs';
import { ConfigError, InputError, type Predictions, Xoshiro128 } from '@driftwatch/core';
import { computeMetric } from '@driftwatch/metrics';
import { describe, expect, it } from 'vitest';
import { type RetrainingConfig, retrainingConfigSchema } from '../config/retrainingConfigSchema.js';
import { scorePredictions } from './scorePredictions.js';
import { validationGate } from './validationGate.js';

interface FixturePredictions {
  readonly labels?: string[];
  readonly scores?: number[];
  readonly values?: number[];
}

interface FixtureCase {
  readonly name: string;
  readonly task: 'classification' | 'regression';
  readonly gate: Record<string, unknown>;
  readonly labels: (string | number)[];
  readonly positive?: string;
  readonly champion: FixturePredictions;
  readonly challenger: FixturePredictions;
  readonly expected: {
    readonly scores: { champion: Record<string, number | null>; challenger: Record<string, number | null> };
    readonly gain: number;
    readonly bootstrap: { resamples: number; valid: number; lower: number; upper: number; pValue: number };
  };
}

const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/gate-reference.json', import.meta.url), 'utf8')) as {
  rng: { seed: number; bound: number; draws: number[] }[];
  cases: FixtureCase[];
};

function gateOf(raw: Record<string, unknown>): RetrainingConfig['gate'] {
  return retrainingConfigSchema.parse({ trainer: { type: 't' }, evaluator: { type: 'e' }, gate: raw }).gate;
}

function predictions(p: FixturePredictions, rows: number): Predictions {
  return {
    rows,
    ...(p.labels ? { labels: p.labels } : {}),
    ...(p.scores ? { scores: Float64Array.from(p.scores) } : {}),
    ...(p.values ? { values: Float64Array.from(p.values) } : {}),
  };
}

function labelsOf(c: FixtureCase): readonly string[] | Float64Array {
  return c.task === 'regression' ? Float64Array.from(c.labels as number[]) : (c.labels as string[]);
}

function expectClose(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12);
}

describe('validationGate against the scikit-learn / numpy reference', () => {
  it('draws the same row indices as the reference twin of Xoshiro128', () => {
    for (const { seed, bound, draws } of fixture.rng) {
      const rng = new Xoshiro128(seed);
      expect(
        draws.map(() => rng.nextBelow(bound)),
        `seed ${seed} bound ${bound}`,
      ).toEqual(draws);
    }
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const rows = c.labels.length;
      const { decision, scores } = validationGate({
        gate: gateOf(c.gate),
        task: c.task,
        labels: labelsOf(c),
        ...(c.positive !== undefined ? { positive: c.positive } : {}),
        champion: { version: 'v1', predictions: predictions(c.champion, rows) },
        challenger: { version: 'v2', predictions: predictions(c.challenger, rows) },
      });
      for (const who of ['champion', 'challenger'] as const) {
        const got = scores[who];
        expect(got?.rows).toBe(rows);
        for (const [metric, value] of Object.entries(c.expected.scores[who])) expectClose(got?.metrics[metric], value, `${who} ${metric}`);
      }
      expectClose(decision.gain, c.expected.gain, 'gain');
      const b = decision.bootstrap;
      expect(b?.resamples).toBe(c.expected.bootstrap.resamples);
      expect(b?.valid).toBe(c.expected.bootstrap.valid);
      expectClose(b?.lower ?? null, c.expected.bootstrap.lower, 'lower');
      expectClose(b?.upper ?? null, c.expected.bootstrap.upper, 'upper');
      expectClose(b?.pValue ?? null, c.expected.bootstrap.pValue, 'pValue');
      const alpha = (c.gate.bootstrap as { alpha: number }).alpha;
      expect(b?.significant).toBe(c.expected.bootstrap.pValue < alpha);
      const threshold = c.gate.maxLoss !== undefined ? -(c.gate.maxLoss as number) : ((c.gate.minGain as number | undefined) ?? 0);
      const floorsPass = decision.floors.every((f) => f.passed);
      expect(decision.passed).toBe(floorsPass && c.expected.gain >= threshold && c.expected.bootstrap.pValue < alpha);
    });
  }

  it('is deterministic for a seed and changes with it', () => {
    const c = fixture.cases[0] as FixtureCase;
    const run = (seed: number) =>
      validationGate({
        gate: gateOf({ ...c.gate, bootstrap: { resamples: 100, seed } }),
        task: c.task,
        labels: labelsOf(c),
        champion: { version: 'v1', predictions: predictions(c.champion, c.labels.length) },
        challenger: { version: 'v2', predictions: predictions(c.challenger, c.labels.length) },
      }).decision.bootstrap;
    expect(run(5)).toEqual(run(5));
    expect(run(5)?.lower).not.toBe(run(6)?.lower);
  });
});

const labels = ['0', '0', '0', '0', '1', '1', '1', '1', '1', '1'];
const good: Predictions = { rows: 10, labels: ['0', '0', '0', '0', '1', '1', '1', '1', '1', '0'] }; // accuracy 0.9
const fair: Predictions = { rows: 10, labels: ['0', '0', '1', '0', '1', '1', '1', '0', '1', '0'] }; // accuracy 0.7

describe('validationGate rules', () => {
  it('passes a challenger that gains at least minGain, with the figures in the reasons', () => {
    const { decision } = validationGate({
      gate: gateOf({ metric: 'accuracy', minGain: 0.1 }),
      task: 'classification',
      labels,
      challenger: { version: 'v2', predictions: good },
      champion: { version: 'v1', predictions: fair },
    });
    expect(decision).toMatchObject({
      passed: true,
      metric: 'accuracy',
      higherIsBetter: true,
      champion: 0.7,
      challenger: 0.9,
      minGain: 0.1,
    });
    expect(decision.gain).toBeCloseTo(0.2, 12);
    expect(decision.reasons).toEqual(['accuracy: challenger 0.9, champion 0.7, gain +0.2 meets minGain 0.1']);
  });

  it('rejects a challenger short of minGain, and one worse by more than maxLoss', () => {
    const short = validationGate({
      gate: gateOf({ metric: 'accuracy', minGain: 0.3 }),
      task: 'classification',
      labels,
      challenger: { version: 'v2', predictions: good },
      champion: { version: 'v1', predictions: fair },
    }).decision;
    expect(short.passed).toBe(false);
    expect(short.reasons[0]).toMatch(/misses minGain 0.3/);
    const worse = (maxLoss: number) =>
      validationGate({
        gate: gateOf({ metric: 'accuracy', maxLoss }),
        task: 'classification',
        labels,
        challenger: { version: 'v2', predictions: fair },
        champion: { version: 'v1', predictions: good },
      }).decision;
    expect(worse(0.1).passed).toBe(false);
    expect(worse(0.25)).toMatchObject({ passed: true, maxLoss: 0.25 });
    expect(worse(0.25).minGain).toBeUndefined();
  });

  it('uses minGain 0 when neither is set: an equal challenger passes, a worse one does not', () => {
    const gate = gateOf({ metric: 'accuracy' });
    const run = (challenger: Predictions) =>
      validationGate({
        gate,
        task: 'classification',
        labels,
        challenger: { version: 'v2', predictions: challenger },
        champion: { version: 'v1', predictions: good },
      }).decision;
    expect(run(good)).toMatchObject({ passed: true, gain: 0, minGain: 0 });
    expect(run(fair).passed).toBe(false);
  });

  it('checks floors, and without a champion only floors decide', () => {
    const run = (floor: number) =>
      validationGate({
        gate: gateOf({ metric: 'f1', floors: { accuracy: floor } }),
        task: 'classification',
        labels,
        challenger: { version: 'v2', predictions: fair },
      }).decision;
    const low = run(0.6);
    expect(low).toMatchObject({
      passed: true,
      champion: null,
      gain: null,
      floors: [{ metric: 'accuracy', bound: 0.6, value: 0.7, passed: true }],
    });
    expect(low.reasons).toEqual(['floor accuracy: 0.7 >= 0.6', expect.stringMatching(/^no champion to beat: f1 /)]);
    expect(low.bootstrap).toBeUndefined();
    const high = run(0.8);
    expect(high.passed).toBe(false);
    expect(high.reasons[0]).toBe('floor accuracy: 0.7 < 0.8');
  });

  it('treats error metrics as lower-is-better: gains and ceilings', () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const close: Predictions = { rows: 4, values: Float64Array.from([1.1, 2.1, 2.9, 4.1]) }; // rmse 0.1
    const far: Predictions = { rows: 4, values: Float64Array.from([1.5, 2.5, 2.5, 4.5]) }; // rmse 0.5
    const { decision, scores } = validationGate({
      gate: gateOf({ metric: 'rmse', minGain: 0.3, floors: { rmse: 0.2, r2: 0.9 } }),
      task: 'regression',
      labels: y,
      challenger: { version: 'v2', predictions: close },
      champion: { version: 'v1', predictions: far },
    });
    expect(decision.higherIsBetter).toBe(false);
    expect(decision.gain).toBeCloseTo(0.4, 12);
    expect(decision.passed).toBe(true);
    expect(decision.floors.map((f) => [f.metric, f.passed])).toEqual([
      ['rmse', true],
      ['r2', true],
    ]);
    expect(decision.reasons[0]).toBe('floor rmse: 0.1 <= 0.2 (ceiling)');
    expect(scores.champion?.metrics.rmse).toBeCloseTo(0.5, 12);
    const reversed = validationGate({
      gate: gateOf({ metric: 'rmse', floors: { rmse: 0.2 } }),
      task: 'regression',
      labels: y,
      challenger: { version: 'v2', predictions: far },
      champion: { version: 'v1', predictions: close },
    }).decision;
    expect(reversed.passed).toBe(false);
    expect(reversed.gain).toBeCloseTo(-0.4, 12);
    expect(reversed.floors[0]?.passed).toBe(false);
  });

  it('fails a comparison the metric cannot make (roc_auc with one class)', () => {
    const oneClass = ['1', '1', '1'];
    const p: Predictions = { rows: 3, labels: ['1', '0', '1'], scores: Float64Array.from([0.9, 0.2, 0.8]) };
    const { decision } = validationGate({
      gate: gateOf({ metric: 'roc_auc' }),
      task: 'classification',
      labels: oneClass,
      challenger: { version: 'v2', predictions: p },
      champion: { version: 'v1', predictions: p },
    });
    expect(decision).toMatchObject({ passed: false, champion: null, challenger: null, gain: null });
    expect(decision.reasons[0]).toMatch(/cannot compare/);
  });

  it('names the config path of a metric that does not fit the task', () => {
    const run = () =>
      validationGate({
        gate: gateOf({ metric: 'mae', floors: { rmse: 1, accuracy: 0.5 }, metrics: ['f1', 'r2'] }),
        task: 'classification',
        labels,
        challenger: { version: 'v2', predictions: good },
      });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      'gate.metric: mae is not a classification metric; gate.floors.rmse: rmse is not a classification metric; gate.metrics[1]: r2 is not a classification metric',
    );
  });
});

describe('scorePredictions', () => {
  it('scores a binary classifier with the positive class by name, numbers compared as numbers', () => {
    const s = scorePredictions({
      version: 'v3',
      task: 'classification',
      labels: Float64Array.from([0, 1, 1, 0]),
      predictions: { rows: 4, labels: ['0.0', '1.0', '0.0', '0.0'], scores: Float64Array.from([0.1, 0.8, 0.4, 0.3]) },
      metrics: ['precision', 'recall', 'roc_auc'],
    });
    expect(s).toEqual({ version: 'v3', rows: 4, metrics: { precision: 1, recall: 0.5, roc_auc: 1 } });
    const negative = scorePredictions({
      version: 'v3',
      task: 'classification',
      labels: ['no', 'yes', 'yes', 'no'],
      predictions: { rows: 4, labels: ['no', 'yes', 'no', 'no'] },
      metrics: ['recall'],
      positive: 'no',
    });
    expect(negative.metrics.recall).toBe(1);
  });

  it('scores multiclass ROC AUC and log loss from per-class probabilities, columns matched to classes by name', () => {
    const labels = ['cat', 'dog', 'bird', 'dog', 'cat', 'bird'];
    // Sorted order is bird, cat, dog; the model gives its columns as dog, cat, bird.
    const sorted = [0.1, 0.7, 0.2, 0.2, 0.2, 0.6, 0.5, 0.3, 0.2, 0.3, 0.3, 0.4, 0.2, 0.5, 0.3, 0.6, 0.1, 0.3];
    const reversed = new Float64Array(sorted.length);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 3; c++) reversed[r * 3 + c] = sorted[r * 3 + (2 - c)] as number;
    const s = scorePredictions({
      version: 'v4',
      task: 'classification',
      labels,
      predictions: { rows: 6, classes: ['dog', 'cat', 'bird'], probabilities: reversed },
      metrics: ['roc_auc', 'roc_auc:weighted', 'log_loss'],
    });
    const input = { yTrue: Int32Array.from([1, 2, 0, 2, 1, 0]), classes: ['bird', 'cat', 'dog'], proba: Float64Array.from(sorted) };
    expect(s.metrics.roc_auc).toBe(computeMetric('roc_auc', input).value);
    expect(s.metrics['roc_auc:weighted']).toBe(computeMetric('roc_auc:weighted', input).value);
    expect(s.metrics.log_loss).toBe(computeMetric('log_loss', input).value);
    expect(s.metrics.log_loss).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.6) + Math.log(0.5) + Math.log(0.4) + Math.log(0.5) + Math.log(0.6)) / 6,
      12,
    );
  });

  it('takes the positive class column of binary probabilities as the scores', () => {
    const base = { version: 'v5', task: 'classification' as const, labels: ['no', 'yes', 'yes', 'no'], metrics: ['roc_auc', 'log_loss'] };
    const fromProba = scorePredictions({
      ...base,
      predictions: { rows: 4, classes: ['yes', 'no'], probabilities: Float64Array.from([0.2, 0.8, 0.9, 0.1, 0.4, 0.6, 0.3, 0.7]) },
    });
    const fromScores = scorePredictions({ ...base, predictions: { rows: 4, scores: Float64Array.from([0.2, 0.9, 0.4, 0.3]) } });
    expect(fromProba).toEqual(fromScores);
  });

  it('rejects probabilities without a column per class, or of the wrong size', () => {
    const base = { version: 'v6', task: 'classification' as const, labels: ['a', 'b', 'c'], metrics: ['log_loss'] };
    expect(() =>
      scorePredictions({
        ...base,
        predictions: { rows: 3, classes: ['a', 'b'], probabilities: Float64Array.from([1, 0, 0, 1, 0.5, 0.5]) },
      }),
    ).toThrow(new InputError('INPUT_INVALID_VALUE', 'predictions of v6: probabilities have no column for class c (columns: a, b)'));
    expect(() =>
      scorePredictions({ ...base, predictions: { rows: 3, classes: ['a', 'b', 'c'], probabilities: new Float64Array(8) } }),
    ).toThrow('predictions of v6: probabilities has 8 values, not rows × classes = 3 × 3');
    expect(() => scorePredictions({ ...base, predictions: { rows: 3, probabilities: new Float64Array(9) } })).toThrow(
      /v6: probabilities need the class of each column/,
    );
  });

  it('throws an InputError on a row mismatch or a missing output', () => {
    const base = { version: 'v9', task: 'classification' as const, labels: ['a', 'b'] };
    expect(() => scorePredictions({ ...base, predictions: { rows: 3, labels: ['a', 'b', 'a'] }, metrics: ['accuracy'] })).toThrow(
      new InputError('INPUT_INVALID_VALUE', 'predictions of v9: 3 rows, but the holdout has 2'),
    );
    expect(() => scorePredictions({ ...base, predictions: { rows: 2, labels: ['a', 'b'] }, metrics: ['roc_auc'] })).toThrow(
      /v9: no scores/,
    );
    expect(() => scorePredictions({ ...base, predictions: { rows: 2, scores: Float64Array.from([0.2, 0.7]) }, metrics: ['f1'] })).toThrow(
      /v9: no predicted labels/,
    );
    expect(() =>
      scorePredictions({ version: 'r', task: 'regression', labels: Float64Array.from([1, 2]), predictions: { rows: 2 }, metrics: ['mae'] }),
    ).toThrow(/r: a regression model must give values/);
  });
});
