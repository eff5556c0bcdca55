export { localPlugin } from './localPlugin.js';
export { CsvMetricsSink } from './sinks/CsvMetricsSink.js';
export { JsonlMetricsSink } from './sinks/JsonlMetricsSink.js';
export type { LocalFormat } from './sources/LocalFileDataSource.js';
export { LocalFileDataSource } from './sources/LocalFileDataSource.js';
