import type { ColumnQuality, Frame } from '@driftwatch/core';
import type { Chunk } from '../chunking/Chunk.js';
import { QualityBaseline } from './QualityBaseline.js';

/**
 * {@link dataQuality} of each chunk of `current`: one `ColumnQuality[]` per
 * chunk, in chunk order. The reference is scanned once and the chunks are
 * read through their row indices, with no copy of the data. `invalid` is
 * `null` for chunks (the readers count unreadable values per file).
 */
export function chunkDataQuality(
  reference: Frame,
  current: Frame,
  chunks: readonly Pick<Chunk, 'rows'>[],
  columns?: readonly string[],
): ColumnQuality[][] {
  const baseline = new QualityBaseline(reference, current, columns);
  return chunks.map((c) => baseline.measure(c.rows));
}
