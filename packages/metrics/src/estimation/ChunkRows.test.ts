import { InputError } from '@driftwatch/core';
import { describe, expect, it } from 'vitest';
import { chunkIndices, chunkLength, chunksByCount, chunksBySize } from './ChunkRows.js';

describe('chunks', () => {
  it('splits by count like numpy.array_split and by size with a remainder chunk', () => {
    expect(chunksByCount(10, 3)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 7 },
      { start: 7, end: 10 },
    ]);
    expect(chunksBySize(10, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
    expect(chunksBySize(0, 4)).toEqual([]);
  });

  it('expands ranges and index lists, checking bounds', () => {
    const out = new Int32Array(3);
    expect(chunkIndices({ start: 2, end: 5 }, 5, out, 'c')).toBe(3);
    expect(Array.from(out)).toEqual([2, 3, 4]);
    expect(chunkLength(Int32Array.of(4, 0))).toBe(2);
    expect(() => chunkIndices({ start: 2, end: 6 }, 5, out, 'chunks[3]')).toThrow(/chunks\[3\]: range \[2, 6\)/);
    expect(() => chunkIndices({ start: 1.5, end: 2 }, 5, out, 'c')).toThrow(InputError);
    expect(() => chunkIndices(Int32Array.of(5), 5, out, 'c')).toThrow(/c: row 5 outside \[0, 5\)/);
  });

  it('rejects broken split settings', () => {
    expect(() => chunksByCount(10, 0)).toThrow(/chunk count/);
    expect(() => chunksByCount(-1, 2)).toThrow(/row count/);
    expect(() => chunksBySize(10, 2.5)).toThrow(/chunk size/);
    expect(() => chunksBySize(Number.NaN, 2)).toThrow(/row count/);
  });
});
