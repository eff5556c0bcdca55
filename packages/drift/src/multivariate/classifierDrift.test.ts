import { readFileSync } from 'node:fs';
import type { Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../classifier/rocAuc.js';
import { referenceSample } from '../testing/referenceSample.js';
import { classifierDrift } from './classifierDrift.js';
import { logisticRegression } from './logisticRegression.js';
import { stratifiedFolds } from './stratifiedFolds.js';

const parts = JSON.parse(readFileSync(new URL('./__fixtures__/classifier_parts.json', import.meta.url), 'utf8')) as {
  folds: { labels: number[]; splits: number; folds: number[] }[];
  auc: { labels: number[]; scores: number[]; auc: number }[];
  logistic: { x: number[][]; y: number[]; coef: number[]; intercept: number }[];
};

describe('domain classifier pieces (scikit-learn answers from scripts/reference/gen_classifier_parts.py)', () => {
  it('assigns rows to folds as StratifiedKFold without shuffling', () => {
    for (const c of parts.folds) expect([...stratifiedFolds(Uint8Array.from(c.labels), c.splits)]).toEqual(c.folds);
  });

  it('computes ROC AUC with ties as roc_auc_score', () => {
    for (const c of parts.auc) expect(rocAuc(Float64Array.from(c.scores), Uint8Array.from(c.labels))).toBeCloseTo(c.auc, 12);
    expect(rocAuc(Float64Array.of(0.1, 0.2), Uint8Array.of(1, 1))).toBeNull();
  });

  it('fits the LogisticRegression(C=1) optimum', () => {
    for (const c of parts.logistic) {
      const p = c.coef.length;
      const model = logisticRegression(Float64Array.from(c.x.flat()), p, Uint8Array.from(c.y), new Uint8Array(c.y.length).fill(1));
      for (let j = 0; j < p; j++) expect(model.weights[j]).toBeCloseTo(c.coef[j], 6);
      expect(model.weights[p]).toBeCloseTo(c.intercept, 6);
    }
  });
});

function frame(x: Float64Array, y: Float64Array, city: string[], source: string): Frame {
  const dictionary = [...new Set(city)].sort();
  return {
    rowCount: x.length,
    source,
    columns: [
      { kind: 'numeric', name: 'x', values: x, invalid: 0 },
      { kind: 'numeric', name: 'y', values: y, invalid: 0 },
      { kind: 'categorical', name: 'city', codes: Int32Array.from(city, (c) => dictionary.indexOf(c)), dictionary, invalid: 0 },
    ],
  };
}

const numeric = (f: Frame, i: number): Float64Array => (f.columns[i] as { values: Float64Array }).values;

const cities = (seed: number, n: number, pOslo: number) =>
  Array.from(referenceSample({ seed, n, dist: 'uniform', loc: 0, scale: 1 }), (u) => (u < pOslo ? 'oslo' : 'rome'));

describe('classifierDrift', () => {
  const n = 600;
  const reference = frame(
    referenceSample({ seed: 1, n, dist: 'normal', loc: 0, scale: 1 }),
    referenceSample({ seed: 2, n, dist: 'normal', loc: 0, scale: 1 }),
    cities(3, n, 0.5),
    'ref',
  );

  it('scores about 0.5 and raises no alert when nothing changed', () => {
    const current = frame(
      referenceSample({ seed: 11, n: 400, dist: 'normal', loc: 0, scale: 1 }),
      referenceSample({ seed: 12, n: 400, dist: 'normal', loc: 0, scale: 1 }),
      cities(13, 400, 0.5),
      'cur',
    );
    const result = classifierDrift(reference, current, ['x', 'y', 'city'], { by: 'size', size: 200 });
    expect(result.method).toBe('classifier');
    expect(result.columns).toEqual(['x', 'y', 'city']);
    expect(result.points).toHaveLength(2);
    for (const p of result.points) {
      expect(Math.abs((p.value as number) - 0.5)).toBeLessThan(0.1);
      expect(p.alert).toBe(false);
      expect([p.lower, p.upper]).toEqual([0.45, 0.65]);
    }
  });

  it('scores near 1 and alerts on a strong shift', () => {
    const current = frame(
      referenceSample({ seed: 21, n: 400, dist: 'normal', loc: 3, scale: 1 }),
      referenceSample({ seed: 22, n: 400, dist: 'normal', loc: 0, scale: 1 }),
      cities(23, 400, 0.9),
      'cur',
    );
    const result = classifierDrift(reference, current, ['x', 'y', 'city'], { by: 'size', size: 200 });
    for (const p of result.points) {
      expect(p.value as number).toBeGreaterThan(0.95);
      expect(p.alert).toBe(true);
    }
    expect(result.summary).toEqual({ alerts: 2, drifted: true, alertChunkKeys: result.points.map((p) => p.chunk) });
  });

  it('gives 0.5 when the chunk only repeats reference rows (every row is a duplicate)', () => {
    const same = frame(numeric(reference, 0), numeric(reference, 1), cities(3, n, 0.5), 'cur');
    const result = classifierDrift(reference, same, ['x', 'y', 'city'], { by: 'count', count: 1 });
    // The whole reference repeated: after dropping duplicates only chunk rows remain, one class.
    expect(result.points[0].value).toBe(0.5);
  });
});
