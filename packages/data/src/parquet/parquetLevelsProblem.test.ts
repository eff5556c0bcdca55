import { describe, expect, it } from 'vitest';
import { type LevelsAt, parquetLevelsProblem } from './parquetLevelsProblem.js';

const RLE = 3;
const BIT_PACKED = 4;

/** A v1 page whose levels are RLE: a 4-byte little-endian length, the runs, then `after` (the values). */
function v1(runs: number[], after: number[] = [0xaa, 0xbb]): Uint8Array {
  return Uint8Array.from([runs.length, 0, 0, 0, ...runs, ...after]);
}

const at = (bytes: Uint8Array, over: Partial<LevelsAt> = {}): LevelsAt => ({
  kind: 'definition levels',
  bytes,
  offset: 0,
  encoding: RLE,
  maxLevel: 1,
  count: 10,
  ...over,
});

describe('parquetLevelsProblem', () => {
  it('accepts the levels pyarrow writes and returns where the values start', () => {
    // 10 levels bit-packed in 2 groups of 8 (header 2 << 1 | 1 = 5), as in the fuzz base file.
    expect(parquetLevelsProblem(at(v1([0x05, 0xef, 0x03]), { tally: 1 }))).toEqual({ end: 7, tallied: 9 });
    // An RLE run of 10 ones (header 10 << 1 = 20, value 1), then one of nothing.
    expect(parquetLevelsProblem(at(v1([20, 1])))).toEqual({ end: 6, tallied: 0 });
    // Runs together: 4 zeros, then 8 bit-packed values of width 2 (max level 2), of which 6 are needed.
    const packed = [0b10_01_00_10, 0b00_00_01_10];
    expect(parquetLevelsProblem(at(v1([8, 0, 3, ...packed]), { maxLevel: 2, tally: 2 }))).toEqual({ end: 9, tallied: 3 });
    // Counting zeros instead (repetition levels: the rows that start): 4 in the RLE run, 1 bit-packed.
    expect(parquetLevelsProblem(at(v1([8, 0, 3, ...packed]), { maxLevel: 2, tally: 0 }))).toEqual({ end: 9, tallied: 5 });
  });

  it('refuses a level above the maximum, in an RLE run (pyarrow: "Malformed levels")', () => {
    expect(parquetLevelsProblem(at(v1([20, 129])))).toEqual({
      problem: "its definition levels hold 129, above the column's maximum of 1",
    });
  });

  it('refuses a level above the maximum in a bit-packed run, when the width allows one', () => {
    // Width 2 holds 3, above the maximum 2.
    expect(parquetLevelsProblem(at(v1([3, 0b11_10_01_00, 0]), { maxLevel: 2, count: 8 }))).toEqual({
      problem: "its definition levels hold 3, above the column's maximum of 2",
    });
  });

  it('refuses fewer levels than the page has values (pyarrow: "Number of decoded rep / def levels do not match")', () => {
    expect(parquetLevelsProblem(at(v1([10, 1])))).toEqual({
      problem: 'its definition levels hold 5 entries for the 10 values its header announces',
    });
    // A bit-packed run of 80 values whose 10 bytes are not within the 3-byte length yields nothing.
    expect(parquetLevelsProblem(at(v1([0x15, 0xef, 0x03])))).toEqual({
      problem: 'its definition levels hold 0 entries for the 10 values its header announces',
    });
    // Runs past the declared length are not read, even when the page has bytes there.
    expect(parquetLevelsProblem(at(Uint8Array.from([2, 0, 0, 0, 10, 1, 10, 1])))).toEqual({
      problem: 'its definition levels hold 5 entries for the 10 values its header announces',
    });
  });

  it('refuses a length past the page, a cut page and unknown encodings', () => {
    expect(parquetLevelsProblem(at(Uint8Array.from([9, 0, 0, 0, 20, 1])))).toEqual({
      problem: 'its definition levels claim 9 bytes, more than the page holds (2 left)',
    });
    expect(parquetLevelsProblem(at(Uint8Array.from([2, 0])))).toEqual({ problem: 'its definition levels are cut off (the page ends)' });
    expect(parquetLevelsProblem(at(v1([20, 1]), { encoding: 19 }))).toEqual({
      problem: 'its definition levels have an unknown encoding (19)',
    });
    expect(parquetLevelsProblem(at(v1([20, 1]), { encoding: BIT_PACKED, kind: 'repetition levels' }))).toEqual({
      problem: 'its repetition levels use the deprecated BIT_PACKED encoding, which this reader does not support',
    });
  });

  it('reads v2 levels by the length in the page header (no length prefix)', () => {
    const page = Uint8Array.from([0x99, 20, 1, 0xaa]);
    expect(parquetLevelsProblem(at(page, { encoding: undefined, offset: 1, length: 2 }))).toEqual({ end: 3, tallied: 0 });
    expect(parquetLevelsProblem(at(page, { encoding: undefined, offset: 1, length: 1 }))).toEqual({
      problem: 'its definition levels hold 0 entries for the 10 values its header announces',
    });
    expect(parquetLevelsProblem(at(page, { encoding: undefined, offset: 1, length: 5 }))).toEqual({
      problem: 'its definition levels claim 5 bytes, more than the page holds',
    });
  });

  it('counts dictionary indices of any width, 0 too (runs without value bytes)', () => {
    const indices = (bytes: number[], maxLevel: number, count: number) =>
      parquetLevelsProblem(
        at(Uint8Array.from(bytes), { kind: 'dictionary indices', encoding: undefined, length: bytes.length, maxLevel, count }),
      );
    // Width 0 (a one-entry dictionary): an RLE run of 7 has no value byte.
    expect(indices([14], 0, 7)).toEqual({ end: 1, tallied: 0 });
    // A run of 0 values ends the runs (pyarrow: "Invalid number of indices: 0"), though the next would do.
    expect(indices([0, 0x15], 0, 7)).toEqual({ problem: 'its dictionary indices hold 0 entries for the 7 values its header announces' });
    // Width 3 (up to 7): 8 bit-packed indices in 3 bytes.
    expect(indices([3, 0x88, 0xc6, 0xfa], 7, 8)).toEqual({ end: 4, tallied: 0 });
  });
});
