import { readFileSync } from 'node:fs';
import { type Frame, InputError, UsageError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { chunkFrame } from './chunkFrame.js';

interface Fixture {
  timestamps: (number | null)[];
  missing: number;
  periods: Record<'hour' | 'day' | 'week' | 'month', { key: string; startDate: string; endDate: string; rows: number[] }[]>;
  countSizes: Record<string, number[]>;
}

// Reference chunks from pandas: __fixtures__/generateChunking.py.
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/chunking.json', import.meta.url), 'utf8')) as Fixture;

function frameOf(rows: number, timestamps?: (number | null)[]): Frame {
  const x = new Float64Array(rows).map((_, i) => i);
  const columns: Frame['columns'][number][] = [{ kind: 'numeric', name: 'x', values: x, invalid: 0 }];
  if (timestamps) {
    columns.push({ kind: 'datetime', name: 'ts', values: Float64Array.from(timestamps, (t) => t ?? Number.NaN), invalid: 0 });
  }
  return { rowCount: rows, columns, source: 'data/current.csv' };
}

const sizes = (frame: Frame, spec: Parameters<typeof chunkFrame>[1]) => chunkFrame(frame, spec).chunks.map((c) => c.rowCount);

describe('chunkFrame by period', () => {
  const frame = frameOf(fixture.timestamps.length, fixture.timestamps);
  for (const period of ['hour', 'day', 'week', 'month'] as const) {
    it(`matches pandas' ${period} groups, labels and bounds`, () => {
      const result = chunkFrame(frame, { by: 'period', period, timestamp: 'ts' });
      const expected = fixture.periods[period];
      expect(result.chunks.map((c) => c.key)).toEqual(expected.map((c) => c.key));
      expect(result.chunks.map((c) => [c.startDate, c.endDate])).toEqual(expected.map((c) => [c.startDate, c.endDate]));
      expect(result.chunks.map((c) => Array.from(c.rows))).toEqual(expected.map((c) => c.rows));
      expect(result.chunks.map((c) => c.rowCount)).toEqual(expected.map((c) => c.rows.length));
      expect(result.chunks.map((c) => c.index)).toEqual(expected.map((_, i) => i));
      expect(result.missingTimestamps).toBe(fixture.missing);
    });
  }

  it('labels ISO weeks across the year turn (2025-12-28 is 2025-W52, 2025-12-29 is 2026-W01)', () => {
    const at = (iso: string) => Date.parse(iso);
    const f = frameOf(3, [at('2025-12-29T00:00:00Z'), at('2025-12-28T23:59:59.999Z'), at('2021-01-03T12:00:00Z')]);
    const { chunks } = chunkFrame(f, { by: 'period', period: 'week', timestamp: 'ts' });
    expect(chunks.map((c) => [c.key, Array.from(c.rows)])).toEqual([
      ['2020-W53', [2]],
      ['2025-W52', [1]],
      ['2026-W01', [0]],
    ]);
    expect(chunks[2].startDate).toBe('2025-12-29T00:00:00.000Z');
    expect(chunks[2].endDate).toBe('2026-01-05T00:00:00.000Z');
  });

  it('does not depend on row order', () => {
    const reversed = [...fixture.timestamps].reverse();
    const n = reversed.length;
    const { chunks } = chunkFrame(frameOf(n, reversed), { by: 'period', period: 'day', timestamp: 'ts' });
    const back = chunks.map((c) => Array.from(c.rows, (r) => n - 1 - r).sort((a, b) => a - b));
    expect(back).toEqual(fixture.periods.day.map((c) => c.rows));
  });

  it('names the file and column when the timestamp column is absent or not datetime', () => {
    const f = frameOf(3, [0, 1, 2]);
    expect(() => chunkFrame(f, { by: 'period', period: 'day', timestamp: 'when' })).toThrow(
      /data\/current\.csv: timestamp column "when" is not in the data/,
    );
    try {
      chunkFrame(f, { by: 'period', period: 'day', timestamp: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).location).toMatchObject({ file: 'data/current.csv', field: 'x' });
      expect((e as Error).message).toMatch(/timestamp column "x" is numeric, not datetime/);
    }
  });

  it('rejects a timestamp column without a single timestamp', () => {
    expect(() => chunkFrame(frameOf(2, [null, null]), { by: 'period', period: 'day', timestamp: 'ts' })).toThrow(
      /data\/current\.csv: timestamp column "ts" has no date-time in any of its 2 rows/,
    );
    expect(chunkFrame(frameOf(0, []), { by: 'period', period: 'day', timestamp: 'ts' }).chunks).toEqual([]);
  });

  it('rejects an unknown period', () => {
    expect(() => chunkFrame(frameOf(2, [0, 1]), { by: 'period', period: 'year' as 'day', timestamp: 'ts' })).toThrow(UsageError);
  });
});

describe('chunkFrame by size', () => {
  const f = frameOf(23);
  it('cuts consecutive runs and applies the incomplete policy to the last one', () => {
    expect(sizes(f, { by: 'size', size: 5 })).toEqual([5, 5, 5, 5, 3]);
    expect(sizes(f, { by: 'size', size: 5, incomplete: 'keep' })).toEqual([5, 5, 5, 5, 3]);
    expect(sizes(f, { by: 'size', size: 5, incomplete: 'merge' })).toEqual([5, 5, 5, 8]);
    const dropped = chunkFrame(f, { by: 'size', size: 5, incomplete: 'drop' });
    expect(dropped.chunks.map((c) => c.rowCount)).toEqual([5, 5, 5, 5]);
    expect(dropped.droppedRows).toBe(3);
  });

  it('keeps rows in file order with range keys', () => {
    const { chunks } = chunkFrame(f, { by: 'size', size: 10, incomplete: 'merge' });
    expect(chunks.map((c) => c.key)).toEqual(['rows 0–9', 'rows 10–22']);
    expect(Array.from(chunks[1].rows)).toEqual(Array.from({ length: 13 }, (_, i) => 10 + i));
  });

  it('handles a frame smaller than one chunk and an empty frame', () => {
    expect(sizes(frameOf(3), { by: 'size', size: 5, incomplete: 'merge' })).toEqual([3]);
    expect(sizes(frameOf(3), { by: 'size', size: 5, incomplete: 'drop' })).toEqual([]);
    expect(sizes(frameOf(0), { by: 'size', size: 5 })).toEqual([]);
    expect(sizes(frameOf(10), { by: 'size', size: 5, incomplete: 'drop' })).toEqual([5, 5]);
  });

  it('dates row chunks by their earliest and latest timestamp when given one', () => {
    const f2 = frameOf(4, [Date.parse('2026-01-02T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'), null, null]);
    const { chunks } = chunkFrame(f2, { by: 'size', size: 2, timestamp: 'ts' });
    expect(chunks[0]).toMatchObject({ startDate: '2026-01-01T00:00:00.000Z', endDate: '2026-01-02T00:00:00.000Z' });
    expect(chunks[1].startDate).toBeUndefined();
  });

  it('rejects sizes that are not whole numbers ≥ 1 and unknown policies', () => {
    for (const size of [0, -3, 2.5, Number.NaN]) {
      expect(() => chunkFrame(f, { by: 'size', size })).toThrow(UsageError);
    }
    expect(() => chunkFrame(f, { by: 'size', size: 0 })).toThrow(/chunk size must be a whole number ≥ 1 \(got 0\)/);
    expect(() => chunkFrame(f, { by: 'size', size: 5, incomplete: 'append' as 'keep' })).toThrow(
      /unknown incomplete-chunk policy "append"/,
    );
  });
});

describe('chunkFrame by count', () => {
  for (const [spec, expected] of Object.entries(fixture.countSizes)) {
    it(`splits ${spec.replace('/', ' rows into ')} chunks as numpy.array_split`, () => {
      const [rows, count] = spec.split('/').map(Number);
      const { chunks } = chunkFrame(frameOf(rows), { by: 'count', count });
      expect(chunks.map((c) => c.rowCount)).toEqual(expected);
      // Consecutive and covering every row once.
      const all = chunks.flatMap((c) => Array.from(c.rows));
      expect(all).toEqual(Array.from({ length: rows }, (_, i) => i));
    });
  }

  it('rejects a count below one', () => {
    expect(() => chunkFrame(frameOf(3), { by: 'count', count: 0 })).toThrow(/chunk count must be a whole number ≥ 1/);
  });
});
