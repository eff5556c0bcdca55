import type { EmbeddingColumn, Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { ExactDriftEngine } from '../engine/ExactDriftEngine.js';
import { distanceDrift } from './distanceDrift.js';
import { mmdDrift } from './mmdDrift.js';

const frame = (source: string, rows: number, dim: number, f: (i: number) => number): Frame => {
  const values = Float64Array.from({ length: rows * dim }, (_, i) => f(i));
  const emb: EmbeddingColumn = { kind: 'embedding', name: 'emb', dim, values, invalid: 0 };
  const age = { kind: 'numeric' as const, name: 'age', values: Float64Array.from({ length: rows }, (_, i) => i % 17), invalid: 0 };
  return { rowCount: rows, columns: [age, emb], source };
};
const ref = frame('ref', 120, 5, (i) => Math.sin(i * 0.37) + (i % 5) * 0.1);
const cur = frame('cur', 90, 5, (i) => Math.sin(i * 0.41) + (i % 5) * 0.1 + (i % 5 === 0 ? 0.3 : 0));
const side = (f: Frame) => {
  const c = f.columns[1] as EmbeddingColumn;
  return { rows: f.rowCount, dim: c.dim, values: c.values };
};

describe('ExactDriftEngine on embedding columns', () => {
  const engine = new ExactDriftEngine();
  it('runs the named method; a threshold for the column applies; a method named for all columns that is not an embedding method does not', () => {
    const report = engine.compare(ref, cur, { methods: { emb: 'distance:metric=cityblock', '*': 'ks' }, thresholds: { emb: 0.05 } });
    const e = report.columns.find((c) => c.column === 'emb');
    const expected = distanceDrift(side(ref), side(cur), { metric: 'cityblock', threshold: 0.05 });
    expect(e).toMatchObject({
      kind: 'embedding',
      method: 'distance',
      statistic: expected.statistic,
      threshold: 0.05,
      drifted: expected.drifted,
      pValue: null,
    });
    expect(report.columns.find((c) => c.column === 'age')?.method).toBe('ks');
    const defaulted = engine.compare(ref, cur, { methods: { '*': 'ks' } }).columns.find((c) => c.column === 'emb');
    expect(defaulted).toMatchObject({ method: 'model', embedding: { dim: 5, parameters: { bootstrap: true }, bootstrapQuantile: 0.95 } });
  });

  it("mmd's verdict compares the raw MMD² with the cut-off, as Evidently does, while the score is clipped at 0", () => {
    const same = frame('same', 80, 5, (i) => Math.cos(i * 0.53));
    const e = engine.compare(same, same, { methods: { emb: 'mmd:bootstrap=true' } }).columns.find((c) => c.column === 'emb');
    const expected = mmdDrift(side(same), side(same), { bootstrap: true });
    expect(e?.statistic).toBe(expected.statistic);
    expect(e?.threshold).toBe(expected.threshold);
    expect(e?.drifted).toBe(expected.drifted);
  });

  it('a width mismatch or a single row is skipped with the reason, not counted in the dataset share', () => {
    const narrow = frame('narrow', 90, 4, Math.sin);
    const report = engine.compare(ref, narrow, { methods: { emb: 'mmd' } });
    expect(report.columns.find((c) => c.column === 'emb')).toMatchObject({
      skipped: 'the reference vectors have 5 dimensions but the current ones 4',
      statistic: null,
      drifted: false,
    });
    expect(report.dataset.testedColumns).toBe(1);
    const one = frame('one', 1, 5, Math.sin);
    expect(engine.compare(one, cur, { methods: { emb: 'ratio' } }).columns.find((c) => c.column === 'emb')?.skipped).toBe(
      'ratio needs at least 2 vectors on each side (reference 1, current 90)',
    );
  });

  it('a malformed spec is a usage error', () => {
    expect(() => engine.compare(ref, cur, { methods: { emb: 'distance:bootstrap=maybe' } })).toThrow(
      /bootstrap "maybe" must be true or false/,
    );
  });
});
