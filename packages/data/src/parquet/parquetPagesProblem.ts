import { type ColumnMetaData, parquetSchema, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { OpenedParquet } from './openParquet.js';
import { parquetLevelsProblem } from './parquetLevelsProblem.js';
import { ParquetThriftError, readParquetThrift, type ThriftStruct } from './readParquetThrift.js';

/** A damaged page found by {@link parquetPagesProblem}: the top-level column and the problem in plain words. */
export interface ParquetPagesProblem {
  readonly column: string;
  readonly problem: string;
}

const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;
const DATA_PAGE_V2 = 3;
/** Encodings of a dictionary page (PLAIN, PLAIN_DICTIONARY) and of data pages of dictionary indices (+ RLE_DICTIONARY). */
const dictionaryEncodings = new Set([0, 2]);
const indexEncodings = new Set([2, 8]);

/**
 * Walks the pages of one row group's column chunks (of the top-level columns in `columns`) as pyarrow walks
 * them, before hyparquet decodes them, and returns the first problem pyarrow would refuse and hyparquet does
 * not check: a page header that strict thrift refuses (a required field missing or of the wrong type), a
 * negative size or count, a page running past its chunk, a dictionary page that is not first or not PLAIN, dictionary
 * indices without a dictionary (hyparquet would give the indices as values) or fewer than the values present (v1
 * pages), and definition or repetition levels that are not
 * RLE, do not fit their length, hold fewer entries than the page's values or exceed the column's maximum
 * (see {@link parquetLevelsProblem}). Pages are walked until the chunk's value count, or `rowLimit` values of
 * a column without repetition (a head read stops there too).
 */
export async function parquetPagesProblem(
  pq: OpenedParquet,
  group: number,
  columns: ReadonlySet<string>,
  rowLimit = Number.POSITIVE_INFINITY,
): Promise<ParquetPagesProblem | undefined> {
  const tree = parquetSchema(pq.metadata);
  for (const chunk of pq.metadata.row_groups[group]?.columns ?? []) {
    const meta = chunk.meta_data;
    const name = meta?.path_in_schema[0];
    if (meta === undefined || name === undefined || !columns.has(name) || meta.num_values === 0n) continue;
    const levels = maxLevels(tree, meta.path_in_schema);
    if (levels === undefined) continue; // a path the schema lacks: hyparquet's error names it
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const bytes = new Uint8Array(await pq.buffer.slice(start, start + Number(meta.total_compressed_size)));
    const limit = levels.repetition === 0 ? Math.min(Number(meta.num_values), rowLimit) : Number(meta.num_values);
    const problem = chunkProblem(bytes, start, meta, levels, limit, Number(pq.metadata.row_groups[group]?.num_rows ?? 0n));
    if (problem !== undefined) return { column: name, problem };
  }
  return undefined;
}

interface Levels {
  readonly definition: number;
  readonly repetition: number;
}

/** The maximum definition and repetition levels of a leaf column (as hyparquet and pyarrow count them). */
function maxLevels(tree: SchemaTree, path: readonly string[]): Levels | undefined {
  let node = tree;
  let definition = 0;
  let repetition = 0;
  for (const part of path) {
    const child = node.children.find((c) => c.element.name === part);
    if (child === undefined) return undefined;
    if (child.element.repetition_type !== 'REQUIRED') definition++;
    if (child.element.repetition_type === 'REPEATED') repetition++;
    node = child;
  }
  return { definition, repetition };
}

function chunkProblem(
  bytes: Uint8Array,
  fileOffset: number,
  meta: ColumnMetaData,
  levels: Levels,
  limit: number,
  groupRows: number,
): string | undefined {
  let pos = 0;
  let seen = 0;
  let dictionary = false;
  let data = false;
  // Rows started (repetition level 0) in the pages of a repeated column: they must make up the group's rows.
  let rows = 0;
  while (seen < limit && pos < bytes.length) {
    const page = `the page at byte ${fileOffset + pos}`;
    let header: ThriftStruct;
    try {
      const read = readParquetThrift(bytes, pos, 'PageHeader');
      header = read.value;
      pos = read.end;
    } catch (error) {
      if (error instanceof ParquetThriftError) return `${page} has a damaged header (${error.message})`;
      throw error;
    }
    const size = header.compressed_page_size as number;
    const uncompressed = header.uncompressed_page_size as number;
    if (size < 0 || uncompressed < 0) return `${page} has a negative size in its header`;
    if (size > bytes.length - pos) {
      return `${page} runs past the end of its column chunk (${size} bytes announced, ${bytes.length - pos} left)`;
    }
    const body = bytes.subarray(pos, pos + size);
    pos += size;
    if (header.type === DICTIONARY_PAGE) {
      const h = header.dictionary_page_header as ThriftStruct | undefined;
      if (h === undefined) return `${page} is a dictionary page without its dictionary header`;
      if ((h.num_values as number) < 0) return `${page} announces a negative number of values`;
      if (data || dictionary)
        return `${page} is a dictionary page after the ${data ? 'data pages' : 'dictionary page'} of its column chunk`;
      if (!dictionaryEncodings.has(h.encoding as number)) return `${page} is a dictionary page in encoding ${h.encoding}, not PLAIN`;
      dictionary = true;
    } else if (header.type === DATA_PAGE) {
      const h = header.data_page_header as ThriftStruct | undefined;
      if (h === undefined) return `${page} is a data page without its data page header`;
      const count = h.num_values as number;
      if (count < 0) return `${page} announces a negative number of values`;
      const indices = indexEncodings.has(h.encoding as number);
      if (indices && !dictionary) return `${page} holds dictionary indices, but no dictionary page precedes it`;
      data = true;
      seen += count;
      if (levels.definition === 0 && levels.repetition === 0 && !indices) continue;
      const content = decompressed(body, uncompressed, meta);
      if (typeof content === 'string') return `${page} ${content}`;
      if (content === undefined) continue; // a codec hyparquet lacks: its own error says so
      let offset = 0;
      let present = count;
      for (const [kind, maxLevel, encoding] of [
        ['repetition levels', levels.repetition, h.repetition_level_encoding],
        ['definition levels', levels.definition, h.definition_level_encoding],
      ] as const) {
        if (maxLevel === 0) continue;
        const checked = parquetLevelsProblem({
          kind,
          bytes: content,
          offset,
          encoding: encoding as number,
          maxLevel,
          count,
          tally: kind === 'definition levels' ? maxLevel : 0,
        });
        if ('problem' in checked) return `${page} is damaged: ${checked.problem}`;
        offset = checked.end;
        if (kind === 'definition levels') present = checked.tallied;
        else rows += checked.tallied;
      }
      if (indices && present > 0) {
        // A bit width, then the indices as RLE / bit-packed runs: as many as the values present (pyarrow refuses
        // fewer; hyparquet reads a width of 0 as all zeros without looking at the runs).
        const width = content[offset];
        if (width === undefined) return `${page} is damaged: its dictionary indices are cut off (the page ends)`;
        if (width > 32) return `${page} is damaged: its dictionary indices have a bit width of ${width}, above 32`;
        const checked = parquetLevelsProblem({
          kind: 'dictionary indices',
          bytes: content,
          offset: offset + 1,
          encoding: undefined,
          length: content.length - offset - 1,
          maxLevel: 2 ** width - 1,
          count: present,
        });
        if ('problem' in checked) return `${page} is damaged: ${checked.problem}`;
      }
    } else if (header.type === DATA_PAGE_V2) {
      const h = header.data_page_header_v2 as ThriftStruct | undefined;
      if (h === undefined) return `${page} is a data page (v2) without its data page header`;
      const count = h.num_values as number;
      if (count < 0 || (h.num_nulls as number) < 0 || (h.num_rows as number) < 0) {
        return `${page} announces a negative number of values, missing values or rows`;
      }
      if (indexEncodings.has(h.encoding as number) && !dictionary)
        return `${page} holds dictionary indices, but no dictionary page precedes it`;
      data = true;
      seen += count;
      const repetitionLength = h.repetition_levels_byte_length as number;
      const definitionLength = h.definition_levels_byte_length as number;
      if (repetitionLength < 0 || definitionLength < 0 || repetitionLength + definitionLength > size) {
        return `${page} has levels of ${repetitionLength} and ${definitionLength} bytes, which do not fit its ${size} bytes`;
      }
      // v2 levels are never compressed; their lengths are in the header.
      for (const [kind, maxLevel, offset, length] of [
        ['repetition levels', levels.repetition, 0, repetitionLength],
        ['definition levels', levels.definition, repetitionLength, definitionLength],
      ] as const) {
        if (maxLevel === 0) continue;
        const tally = kind === 'definition levels' ? maxLevel : 0;
        const checked = parquetLevelsProblem({ kind, bytes: body, offset, encoding: undefined, length, maxLevel, count, tally });
        if ('problem' in checked) return `${page} is damaged: ${checked.problem}`;
        if (kind === 'repetition levels') rows += checked.tallied;
        // hyparquet reads num_values - num_nulls values from the data section: more present than that would leave
        // values missing (stricter than pyarrow, which goes by the levels).
        const stored = count - (h.num_nulls as number);
        if (kind === 'definition levels' && checked.tallied > stored) {
          return `${page} is damaged: its definition levels mark ${checked.tallied} values present, its header ${stored}`;
        }
      }
    }
    // Other page types (index pages) are skipped, as pyarrow skips them.
  }
  if (levels.repetition > 0 && rows !== groupRows) {
    return `its repetition levels start ${rows} rows, the row group has ${groupRows}`;
  }
  return undefined;
}

/** A v1 page's bytes decompressed, a problem, or `undefined` for a codec without a decompressor here. */
function decompressed(data: Uint8Array, size: number, meta: ColumnMetaData): Uint8Array | string | undefined {
  if (meta.codec === 'UNCOMPRESSED') return data;
  const decompress = compressors[meta.codec];
  if (decompress === undefined) return undefined;
  let out: Uint8Array;
  try {
    out = decompress(data, size);
  } catch {
    return `cannot be decompressed (${meta.codec})`;
  }
  if (out.length !== size) return `decompresses to ${out.length} bytes, its header says ${size}`;
  return out;
}
