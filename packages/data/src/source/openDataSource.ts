import type { DataSource, Schema } from '@driftwatch/core';
import type { DataFormat, DataReadOptions, InferOptions } from '../DataReadOptions.js';
import { formatForPath } from '../formats/formatForPath.js';
import type { ReadFrame } from '../ReadFrame.js';
import { inferSchemaFromFile } from '../schema/inferSchemaFromFile.js';
import { readDataFile } from './readDataFile.js';

/** How {@link openDataSource} reads its file. */
export interface DataSourceOptions {
  /** Default: from the extension (see `formatByExtension`). */
  readonly format?: DataFormat;
  /** CSV delimiter (default `,`, tab for `tsv`). */
  readonly delimiter?: string;
}

/** A core {@link DataSource} that reads in-process, with the readers' extra options and frame type. */
export interface FileDataSource extends DataSource {
  readonly format: DataFormat;
  /** The schema from the head of the file: see `inferSchemaFromFile`. */
  inferSchema(options?: Omit<InferOptions, 'format' | 'delimiter'>): Promise<Schema>;
  read(options?: DataReadOptions): Promise<ReadFrame>;
}

/**
 * A {@link DataSource} over a local file. The format is decided now, so an
 * unknown extension fails here (`INPUT_UNREADABLE`, listing the known ones);
 * the file itself is opened by `read`.
 */
export function openDataSource(path: string, options: DataSourceOptions = {}): FileDataSource {
  const format = options.format ?? formatForPath(path);
  return {
    uri: path,
    format,
    inferSchema: (inferOptions = {}) => inferSchemaFromFile(path, { ...inferOptions, format, delimiter: options.delimiter }),
    read: (readOptions: DataReadOptions = {}) =>
      readDataFile(path, { ...readOptions, format, delimiter: options.delimiter ?? readOptions.delimiter }),
  };
}
