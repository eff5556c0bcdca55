export type { Chunk, Chunking } from './chunking/Chunk.js';
export { chunkFrame } from './chunking/chunkFrame.js';
export { periodIndex, periodLabel, periodStart } from './chunking/periodIndex.js';
export { takeRows } from './chunking/takeRows.js';
export { embeddingMembers, groupEmbeddingColumns } from './columns/groupEmbeddingColumns.js';
export { csvLine, quoteCsvField } from './csv/quoteCsvField.js';
export { readCsv } from './csv/readCsv.js';
export { numberColumnFileLimit, readCsvNumberColumn } from './csv/readCsvNumberColumn.js';
export type { NumberBlockHandler, ScanNumberColumnOptions } from './csv/scanCsvNumberColumn.js';
export { numberColumnBlockBytes, scanCsvNumberColumn } from './csv/scanCsvNumberColumn.js';
export { splitCsvLine } from './csv/splitCsvLine.js';
export type { DataFormat, DataReadOptions, InferOptions } from './DataReadOptions.js';
export { dataFormats, defaultChunkSize, defaultMaxInvalidSamples, defaultSampleRows } from './DataReadOptions.js';
export { parseIsoDatetime } from './datetime/parseIsoDatetime.js';
export { extensionFormat, formatByExtension, formatForPath } from './formats/formatForPath.js';
export { SharedInput } from './io/SharedInput.js';
export type { AtomicFileContent } from './io/writeFileAtomic.js';
export { atomicTempSuffix, writeFileAtomic } from './io/writeFileAtomic.js';
export { readJsonl } from './jsonl/readJsonl.js';
export { isMissingMarker, missingMarkers } from './missing/missingMarkers.js';
export { parseNumberText } from './numbers/parseNumberText.js';
export { readParquet } from './parquet/readParquetLazily.js';
export { chunkDataQuality } from './quality/chunkDataQuality.js';
export { dataQuality } from './quality/dataQuality.js';
export { QualityBaseline } from './quality/QualityBaseline.js';
export type { InvalidValue, ReadColumn, ReadFrame } from './ReadFrame.js';
export type { InferKindOptions } from './schema/inferKind.js';
export { inferKind } from './schema/inferKind.js';
export { inferSchema } from './schema/inferSchema.js';
export { inferSchemaFromFile } from './schema/inferSchemaFromFile.js';
export { loadSchemaFile } from './schema/loadSchemaFile.js';
export type { SampleTable } from './schema/SampleTable.js';
export type { DataSourceOptions, FileDataSource } from './source/openDataSource.js';
export { openDataSource } from './source/openDataSource.js';
export { readDataFile } from './source/readDataFile.js';
export { batchFormats, readDataFileBatches } from './source/readDataFileBatches.js';
export type { OffThreadOptions } from './source/readDataFileOffThread.js';
export {
  minOffThreadBytes,
  ReadWorker,
  readDataFileOffThread,
  startReadWorker,
  startReadWorkerAhead,
} from './source/readDataFileOffThread.js';
