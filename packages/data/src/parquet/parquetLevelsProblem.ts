/** Where a page's levels are and what they must hold, for {@link parquetLevelsProblem}. */
export interface LevelsAt {
  /** What the runs hold, for messages: definition levels (which values are missing), repetition levels (where lists start), or a data page's dictionary indices (checked for their count only). */
  readonly kind: 'definition levels' | 'repetition levels' | 'dictionary indices';
  /** The page's (decompressed) bytes. */
  readonly bytes: Uint8Array;
  /** Where the levels start in `bytes`. */
  readonly offset: number;
  /** Encoding id of the levels (data page v1): 3 RLE (with a 4-byte length), 4 BIT_PACKED; `undefined` for a v2 page. */
  readonly encoding: number | undefined;
  /** Their byte length (data page v2, which stores it in the header); v1 pages prefix it. */
  readonly length?: number;
  /** The column's maximum level; the runs' bit width is the width of this number (0 for indices of width 0). */
  readonly maxLevel: number;
  /** How many levels there must be: the page header's value count. */
  readonly count: number;
  /** A level to count (the maximum: values present; 0: rows started); bit-packed runs are then decoded value by value. */
  readonly tally?: number;
}

const RLE = 3;
const BIT_PACKED = 4;

/**
 * Checks one page's definition or repetition levels as pyarrow (Arrow's `LevelDecoder`) decodes them: the
 * encoding is RLE (the RLE / bit-packed hybrid), its byte length fits the page, the runs inside that length
 * yield the page's value count, and no level exceeds the column's maximum. hyparquet decodes the runs without
 * the length bound and without these checks, so damaged levels would become wrong values or shifted nulls.
 * Returns the problem in plain words, or the offset just after the levels.
 */
export function parquetLevelsProblem(at: LevelsAt): { readonly problem: string } | { readonly end: number; readonly tallied: number } {
  const { kind, bytes, maxLevel, count } = at;
  let start = at.offset;
  let length: number;
  if (at.encoding === undefined) {
    length = at.length ?? 0;
    if (length < 0 || length > bytes.length - start) {
      return { problem: `its ${kind} claim ${length} bytes, more than the page holds` };
    }
  } else if (at.encoding === RLE) {
    if (bytes.length - start < 4) return { problem: `its ${kind} are cut off (the page ends)` };
    length = new DataView(bytes.buffer, bytes.byteOffset + start, 4).getInt32(0, true);
    start += 4;
    if (length < 0 || length > bytes.length - start) {
      return { problem: `its ${kind} claim ${length} bytes, more than the page holds (${bytes.length - start} left)` };
    }
  } else if (at.encoding === BIT_PACKED) {
    // pyarrow reads this deprecated encoding; hyparquet would read it as RLE and produce wrong values.
    return { problem: `its ${kind} use the deprecated BIT_PACKED encoding, which this reader does not support` };
  } else {
    return { problem: `its ${kind} have an unknown encoding (${at.encoding})` };
  }
  const stop = start + length;
  const width = 32 - Math.clz32(maxLevel);
  const valueBytes = (width + 7) >> 3;
  // A bit-packed level fits its width: it can only exceed a maximum below 2^width - 1.
  const packedCanExceed = maxLevel < 2 ** width - 1;
  let pos = start;
  let decoded = 0;
  // How many levels equal `at.tally`.
  let tallied = 0;
  const tooHigh = (level: number) => ({ problem: `its ${kind} hold ${level}, above the column's maximum of ${maxLevel}` });
  while (decoded < count) {
    // A run header: an unsigned varint of at most 5 bytes (a 32-bit value), as Arrow reads it.
    let header = 0;
    let shift = 0;
    let complete = false;
    while (pos < stop && shift < 35) {
      const b = bytes[pos++] as number;
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        complete = true;
        break;
      }
    }
    // A run of no values ends the runs, as in pyarrow 25 (which then finds too few).
    if (!complete || header < 2) break;
    const wanted = count - decoded;
    if (header % 2 === 1) {
      // Bit-packed: groups of 8 values, least significant bits first. A run whose bytes do not all lie within
      // the levels' length yields nothing (as in pyarrow 25: such a page has too few levels).
      const values = Math.floor(header / 2) * 8;
      const runBytes = (values * width) / 8;
      if (runBytes > stop - pos) break;
      const take = Math.min(values, wanted);
      for (let i = 0; (packedCanExceed || at.tally !== undefined) && i < take; i++) {
        const bit = i * width;
        let level = 0;
        for (let b = 0; b < width; b++) {
          const offset = bit + b;
          level |= (((bytes[pos + (offset >> 3)] as number) >> (offset & 7)) & 1) << b;
        }
        if (level > maxLevel) return tooHigh(level);
        if (level === at.tally) tallied++;
      }
      decoded += take;
      pos += runBytes;
    } else {
      const values = Math.floor(header / 2);
      if (stop - pos < valueBytes) break;
      let level = 0;
      for (let b = 0; b < valueBytes; b++) level += (bytes[pos + b] as number) * 2 ** (8 * b);
      pos += valueBytes;
      const take = Math.min(values, wanted);
      if (take > 0 && level > maxLevel) return tooHigh(level);
      if (level === at.tally) tallied += take;
      decoded += take;
    }
  }
  if (decoded < count) {
    return { problem: `its ${kind} hold ${decoded} entries for the ${count} values its header announces` };
  }
  return { end: stop, tallied };
}
