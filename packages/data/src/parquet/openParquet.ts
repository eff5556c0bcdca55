import type { ColumnKind } from '@driftwatch/core';
import { isInputError } from '@driftwatch/core';
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetSchema, type SchemaElement } from 'hyparquet';
import { inputError } from '../errors/inputError.js';
import { openError, openInput } from '../io/openInput.js';
import type { SharedInput } from '../io/SharedInput.js';
import { parquetLayoutProblem } from './parquetLayout.js';
import { parquetProblem } from './parquetProblem.js';
import { ParquetThriftError, readParquetThrift, thriftPath } from './readParquetThrift.js';

/** A top-level column of a Parquet file. */
export interface ParquetColumn {
  readonly name: string;
  /** The kind its types declare, or `undefined` for text whose kind is inferred from values. */
  readonly declared: ColumnKind | undefined;
}

/** An open Parquet file: its footer and a close function. */
export interface OpenedParquet {
  readonly buffer: AsyncBuffer;
  readonly metadata: FileMetaData;
  readonly columns: readonly ParquetColumn[];
  readonly size: number;
  close(): Promise<void>;
}

/**
 * Opens a Parquet file and reads its footer. Bytes are read on demand from
 * the file handle (hyparquet's `AsyncBuffer`), so only the column chunks
 * asked for are read. A file that is not Parquet is `INPUT_BAD_PARQUET`.
 */
export async function openParquet(file: string, shared?: SharedInput): Promise<OpenedParquet> {
  const { handle, size } = shared ? await shared.open() : await openInput(file);
  // A shared handle stays open for the next read of the file; its owner closes it.
  const release = () => (shared ? Promise.resolve() : handle.close());
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const length = (end ?? size) - start;
      // A damaged footer or page header can ask for bytes that do not exist: a plain error, worded by the caller.
      if (!(start >= 0 && length >= 0 && start + length <= size)) throw new Error('parquet a length or offset points outside the file');
      const bytes = new Uint8Array(length);
      let done = 0;
      try {
        while (done < length) {
          const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
      } catch (error) {
        throw openError(file, error);
      }
      return bytes.buffer;
    },
  };
  try {
    if (size === 0) throw inputError('INPUT_EMPTY', { file }, 'file is empty');
    // "PAR1", a footer length and "PAR1" at least.
    if (size < 12) throw inputError('INPUT_BAD_PARQUET', { file }, `not a Parquet file (${size} bytes is too short)`);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (error) {
      if (isInputError(error)) throw error;
      throw inputError('INPUT_BAD_PARQUET', { file }, `not a Parquet file, or its footer is damaged (${parquetProblem(error)})`, error);
    }
    const footerEnd = size - 8;
    const footer = new Uint8Array(await buffer.slice(footerEnd - metadata.metadata_length, footerEnd));
    const structure = footerThriftProblem(footer, metadata);
    if (structure !== undefined) throw inputError('INPUT_BAD_PARQUET', { file }, `damaged Parquet footer: ${structure}`);
    const problem = parquetLayoutProblem(metadata, size);
    if (problem !== undefined) throw inputError('INPUT_BAD_PARQUET', { file }, `damaged Parquet footer: ${problem}`);
    let columns: ParquetColumn[];
    try {
      columns = parquetSchema(metadata).children.map((child) => ({
        name: String(child.element.name),
        declared: isNumericList(child)
          ? ('embedding' as const)
          : child.children.length > 0 || child.element.repetition_type === 'REPEATED'
            ? ('text' as const)
            : declaredKind(child.element),
      }));
    } catch (error) {
      throw inputError(
        'INPUT_BAD_PARQUET',
        { file },
        `damaged Parquet footer: its schema cannot be read (${parquetProblem(error)})`,
        error,
      );
    }
    return { buffer, metadata, columns, size, close: release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * The footer's thrift read strictly, as pyarrow reads it (hyparquet's reader skips what it does not use): a
 * required field missing or of the wrong type, located by row group and column in plain words.
 */
function footerThriftProblem(footer: Uint8Array, metadata: FileMetaData): string | undefined {
  try {
    readParquetThrift(footer, 0, 'FileMetaData');
    return undefined;
  } catch (error) {
    if (!(error instanceof ParquetThriftError)) throw error;
    const [top, i, list, j, ...rest] = error.path;
    let where = thriftPath(error.path);
    if (top === 'row_groups' && typeof i === 'number') {
      where = `row group ${i + 1}`;
      if (list === 'columns' && typeof j === 'number') {
        const name = metadata.row_groups[i]?.columns[j]?.meta_data?.path_in_schema?.join('.');
        where += `, column ${name !== undefined ? `"${name}"` : j + 1}`;
        if (rest.length > 0) where += `, field ${thriftPath(rest)}`;
      } else if (list !== undefined) {
        where += `, field ${thriftPath(error.path.slice(2))}`;
      }
    } else if (top === 'schema' && typeof i === 'number') {
      const name = metadata.schema[i]?.name;
      where = `schema element ${i}${typeof name === 'string' ? ` ("${name}")` : ''}${list !== undefined ? `, field ${thriftPath(error.path.slice(2))}` : ''}`;
    } else if (error.path.length > 0) {
      where = `field ${where}`;
    }
    return error.path.length > 0 ? `${where}: ${error.problem}` : error.problem;
  }
}

/** A schema node as hyparquet's `parquetSchema` returns it. */
interface SchemaNode {
  readonly element: SchemaElement;
  readonly children: readonly SchemaNode[];
}

/**
 * Whether a column is a `LIST` of floats (pyarrow's `list<float>`, `fixed_size_list<float, n>`, written as
 * the three-level LIST group → repeated group → numeric leaf): an embedding, one vector per row.
 */
function isNumericList(node: SchemaNode): boolean {
  const isList = node.element.logical_type?.type === 'LIST' || node.element.converted_type === 'LIST';
  if (!isList || node.children.length !== 1) return false;
  const repeated = node.children[0] as SchemaNode;
  const leaf = repeated.children.length === 1 ? (repeated.children[0] as SchemaNode) : repeated;
  if (leaf.children.length > 0) return false;
  // Integer lists (tags, ids) stay text, as before: an embedding is floats.
  return leaf.element.type === 'FLOAT' || leaf.element.type === 'DOUBLE';
}

/** The kind a Parquet column's physical and logical types declare; `undefined` for strings (inferred). */
function declaredKind(element: SchemaElement): ColumnKind | undefined {
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (
    logical === 'DATE' ||
    logical === 'TIMESTAMP' ||
    converted === 'DATE' ||
    converted === 'TIMESTAMP_MILLIS' ||
    converted === 'TIMESTAMP_MICROS'
  ) {
    return 'datetime';
  }
  if (logical === 'DECIMAL' || converted === 'DECIMAL' || logical === 'FLOAT16') return 'numeric';
  switch (element.type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INT32':
    case 'INT64':
    case 'FLOAT':
    case 'DOUBLE':
      return 'numeric';
    case 'INT96':
      return 'datetime';
    default:
      return undefined;
  }
}
