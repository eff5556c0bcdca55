import {
  type ChunkDrift,
  type ChunkedDriftReport,
  type ChunkSpec,
  chunkedDriftReportSchemaVersion,
  type DriftEngine,
  type DriftOptions,
  type DriftReport,
  type Frame,
} from '@driftwatch/core';
import { chunkDataQuality, chunkFrame, takeRows } from '@driftwatch/data';
import { chunkedCheckSeries } from './chunkedCheckSeries.js';

/**
 * Compares each chunk of `current` with the whole `reference` (and, with
 * `withReferenceChunks`, each reference chunk too, for the bands). The
 * engine sorts `reference`'s numeric columns in place: callers that need its
 * row order afterwards pass a copy.
 */
export function compareInChunks(
  engine: DriftEngine,
  reference: Frame,
  current: Frame,
  selected: readonly string[],
  spec: ChunkSpec,
  drift: DriftOptions | undefined,
  withReferenceChunks: boolean,
): ChunkedDriftReport {
  const currentChunks = chunkFrame(current, spec);
  const referenceChunks = withReferenceChunks ? chunkFrame(reference, spec) : undefined;
  // Copies taken before the first comparison, which sorts the reference's numeric columns in place.
  const referenceChunkFrames = referenceChunks?.chunks.map((c) => takeRows(reference, c.rows));
  const quality = chunkDataQuality(reference, current, currentChunks.chunks, selected);

  // Each chunk is a fresh copy the engine may reorder; the reference is sorted by the first
  // comparison and stays sorted, so later ones re-sort nothing.
  const options: DriftOptions = { ...drift, columns: selected, ignore: [], reorderRows: true };
  const chunks: ChunkDrift[] = currentChunks.chunks.map((c, i) => {
    const report = engine.compare(reference, takeRows(current, c.rows), options);
    return {
      index: c.index,
      key: c.key,
      ...(c.startDate === undefined ? {} : { startDate: c.startDate }),
      ...(c.endDate === undefined ? {} : { endDate: c.endDate }),
      rows: c.rowCount,
      dataset: report.dataset,
      columns: report.columns,
      quality: quality[i],
    };
  });
  const referenceReports: DriftReport[] | undefined = referenceChunkFrames?.map((f) => engine.compare(reference, f, options));

  const generatedAt = new Date().toISOString();
  const drifted = chunks.filter((c) => c.dataset.drifted);
  const report: ChunkedDriftReport = {
    schemaVersion: chunkedDriftReportSchemaVersion,
    kind: 'chunked-drift',
    generatedAt,
    reference: { source: reference.source, rows: reference.rowCount, chunks: referenceReports?.length ?? 0 },
    current: {
      source: current.source,
      rows: current.rowCount,
      missingTimestamps: currentChunks.missingTimestamps,
      droppedRows: currentChunks.droppedRows,
    },
    chunking: spec,
    summary: {
      chunks: chunks.length,
      driftedChunks: drifted.length,
      drifted: drifted.length > 0,
      driftedChunkKeys: drifted.map((c) => c.key),
    },
    chunks,
    series: chunkedCheckSeries(selected, chunks, referenceReports),
  };

  return report;
}
