import { readFileSync } from 'node:fs';
import { type CategoricalColumn, type Frame, InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { takeRows } from '../chunking/takeRows.js';
import { chunkDataQuality } from './chunkDataQuality.js';
import { dataQuality } from './dataQuality.js';

type Num = number | 'Infinity' | '-Infinity' | null;
interface Side {
  num: Num[];
  cat: (string | null)[];
}
// Reference figures from pandas: __fixtures__/generateQuality.py.
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/quality.json', import.meta.url), 'utf8')) as {
  reference: Side;
  current: Side;
  whole: unknown[];
  chunks: unknown[][];
};

function encode(name: string, values: (string | null)[], extraLabels: string[] = []): CategoricalColumn {
  const dictionary = [...extraLabels];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = dictionary.indexOf(v);
    if (code < 0) code = dictionary.push(v) - 1;
    return code;
  });
  return { kind: 'categorical', name, codes, dictionary, invalid: 0 };
}

function frameOf(side: Side, source: string, extraLabels: string[] = []): Frame {
  const num = Float64Array.from(side.num, (x) => (x === null ? Number.NaN : Number(x)));
  return {
    rowCount: num.length,
    source,
    columns: [{ kind: 'numeric', name: 'num', values: num, invalid: 2 }, encode('cat', side.cat, extraLabels)],
  };
}

// The reference dictionary lists "e", which no reference row takes: it still counts as unseen.
const reference = frameOf(fixture.reference, 'ref.csv', ['e']);
const current = frameOf(fixture.current, 'cur.csv');

describe('dataQuality', () => {
  it("matches pandas' missing, unseen and out-of-range figures", () => {
    const q = dataQuality(reference, current);
    expect(q).toMatchObject(fixture.whole);
    expect(q[0]).toMatchObject({ kind: 'numeric', invalid: 2, unseen: null });
    expect(q[1]).toMatchObject({ kind: 'categorical', invalid: 0, range: null });
  });

  it('gives the same figures per chunk as pandas on each chunk, with invalid unknown', () => {
    const rows = Array.from({ length: 4 }, (_, i) => {
      const n = current.rowCount;
      const start = i * 75;
      return { rows: Int32Array.from({ length: i === 3 ? n - start : 75 }, (_, k) => start + k) };
    });
    const q = chunkDataQuality(reference, current, rows);
    expect(q).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      expect(q[i]).toMatchObject(fixture.chunks[i]);
      expect(q[i].map((c) => c.invalid)).toEqual([null, null]);
    }
  });

  it('does not depend on row order', () => {
    const reversed = Int32Array.from({ length: current.rowCount }, (_, i) => current.rowCount - 1 - i);
    const q = dataQuality(reference, takeRows(current, reversed));
    expect(q).toMatchObject(fixture.whole);
  });

  it('holds no NaN or infinity, so JSON keeps every figure', () => {
    const empty = chunkDataQuality(reference, current, [{ rows: new Int32Array(0) }])[0];
    expect(empty[0]).toMatchObject({ rows: 0, missing: 0, missingShare: null, range: { belowShare: null, aboveShare: null } });
    expect(empty[1].unseen).toEqual({ rows: 0, share: null, distinct: 0, examples: [] });
    const noFinite: Frame = {
      rowCount: 2,
      source: 'ref.csv',
      columns: [{ kind: 'numeric', name: 'num', values: Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY), invalid: 0 }],
    };
    const q = dataQuality(noFinite, current, ['num']);
    expect(q[0].range).toMatchObject({ referenceMin: null, referenceMax: null, below: 0, above: 0 });
    for (const value of [empty, q, dataQuality(reference, current)]) expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it('compares booleans with categoricals and counts missing text and vectors', () => {
    const ref: Frame = {
      rowCount: 2,
      source: 'ref.csv',
      columns: [
        { kind: 'boolean', name: 'b', codes: Int32Array.of(0, 0), dictionary: ['false', 'true'], invalid: 0 },
        { kind: 'text', name: 't', values: ['x', 'y'], invalid: 0 },
        { kind: 'embedding', name: 'e', dim: 2, values: Float32Array.of(1, 2, 3, 4), invalid: 0 },
        { kind: 'datetime', name: 'd', values: Float64Array.of(100, 200), invalid: 0 },
      ],
    };
    const cur: Frame = {
      rowCount: 3,
      source: 'cur.csv',
      columns: [
        { kind: 'categorical', name: 'b', codes: Int32Array.of(0, 1, -1), dictionary: ['true', 'false'], invalid: 0 },
        { kind: 'text', name: 't', values: ['x', null, null], invalid: 0 },
        { kind: 'embedding', name: 'e', dim: 2, values: Float32Array.of(1, Number.NaN, 3, 4, 5, 6), invalid: 0 },
        { kind: 'datetime', name: 'd', values: Float64Array.of(50, 150, 250), invalid: 0 },
      ],
    };
    const [b, t, e, d] = dataQuality(ref, cur);
    expect(b).toMatchObject({ missing: 1, unseen: { rows: 1, distinct: 1, examples: ['true'] } });
    expect(t).toMatchObject({ missing: 2, unseen: null, range: null });
    expect(e).toMatchObject({ missing: 1 });
    expect(d.range).toMatchObject({ referenceMin: 100, referenceMax: 200, below: 1, above: 1 });
  });

  it('names the file of a missing column and rejects mismatched kinds', () => {
    expect(() => dataQuality(reference, current, ['age'])).toThrow(/ref\.csv: column "age" is not in the data \(its columns: num, cat\)/);
    const swapped: Frame = { ...current, columns: [{ ...encode('num', ['a']), name: 'num' }] };
    try {
      dataQuality(reference, swapped, ['num']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('INPUT_COLUMNS_MISMATCH');
      expect((e as Error).message).toMatch(/column "num" is numeric in ref\.csv but categorical in cur\.csv/);
    }
  });
});
