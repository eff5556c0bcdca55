import type { Frame } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { concatFrames } from './concatFrames.js';

const embeddingFrame = (values: Float32Array | Float64Array, rows: number): Frame => ({
  rowCount: rows,
  source: 'part',
  columns: [{ kind: 'embedding', name: 'emb', dim: 2, values, invalid: 0 }],
});

describe('concatFrames', () => {
  it('keeps float64 embeddings in float64, rows in order', () => {
    const a = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const b = Float64Array.of(1 / 3, 2 / 3);
    const joined = concatFrames([embeddingFrame(a, 2), embeddingFrame(b, 1)], 's3://bucket/prefix');
    const column = joined.columns[0];
    expect(joined.rowCount).toBe(3);
    expect(column?.kind).toBe('embedding');
    if (column?.kind !== 'embedding') return;
    expect(column.values).toBeInstanceOf(Float64Array);
    expect(Array.from(column.values)).toEqual([0.1, 0.2, 0.3, 0.4, 1 / 3, 2 / 3]);
  });

  it('keeps float32 embeddings built in memory as float32', () => {
    const joined = concatFrames([embeddingFrame(Float32Array.of(1, 2), 1), embeddingFrame(Float32Array.of(3, 4), 1)], 'mem');
    const column = joined.columns[0];
    if (column?.kind !== 'embedding') throw new Error('expected an embedding column');
    expect(column.values).toBeInstanceOf(Float32Array);
    expect(Array.from(column.values)).toEqual([1, 2, 3, 4]);
  });

  it('marks a numeric column finite only when every part was, and never sorted', () => {
    const part = (values: number[], flags: { finite?: true; sorted?: true }): Frame => ({
      rowCount: values.length,
      source: 'part',
      columns: [{ kind: 'numeric', name: 'x', values: Float64Array.from(values), invalid: 0, ...flags }],
    });
    const both = concatFrames([part([1, 2], { finite: true, sorted: true }), part([0, 5], { finite: true, sorted: true })], 'mem')
      .columns[0];
    expect(both).toEqual({ kind: 'numeric', name: 'x', values: Float64Array.of(1, 2, 0, 5), invalid: 0, finite: true });
    const one = concatFrames([part([1, 2], { finite: true }), part([Number.NaN], {})], 'mem').columns[0];
    expect(one).toEqual({ kind: 'numeric', name: 'x', values: Float64Array.of(1, 2, Number.NaN), invalid: 0 });
  });
});
