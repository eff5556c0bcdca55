import type { FileMetaData } from 'hyparquet';

const physicalTypes = new Set(['BOOLEAN', 'INT32', 'INT64', 'INT96', 'FLOAT', 'DOUBLE', 'BYTE_ARRAY', 'FIXED_LEN_BYTE_ARRAY']);

/**
 * The first problem of a Parquet footer's layout, in plain words, or `undefined`: row counts that do not add
 * up, a column chunk without metadata, of an unknown physical type or another than its schema column's, with a
 * value count below the group's rows (unless repeated), or whose pages lie outside the file's data
 * (between the leading magic and the footer). Checked before any page is read, as pyarrow checks it.
 */
export function parquetLayoutProblem(metadata: FileMetaData, size: number): string | undefined {
  const dataEnd = size - 8 - metadata.metadata_length;
  for (const [i, element] of metadata.schema.slice(1).entries()) {
    if (typeof element.name !== 'string') return `schema element ${i + 1} has no name`;
    if (!element.num_children && !physicalTypes.has(element.type as string)) return `column "${element.name}": unknown physical type`;
  }
  const leaves = schemaLeaves(metadata);
  let rows = 0n;
  for (const [g, group] of metadata.row_groups.entries()) {
    const where = `row group ${g + 1}`;
    if (typeof group.num_rows !== 'bigint' || group.num_rows < 0n) return `${where}: its row count is not a count`;
    rows += group.num_rows;
    if (!Array.isArray(group.columns)) return `${where}: no column list`;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      const name = meta?.path_in_schema?.join('.') ?? '?';
      const at = `${where}, column "${name}"`;
      if (meta === undefined) return `${at}: no column metadata`;
      if (!physicalTypes.has(meta.type)) return `${at}: unknown physical type`;
      if (typeof meta.num_values !== 'bigint' || meta.num_values < 0n) return `${at}: its value count is not a count`;
      const leaf = leaves.get(meta.path_in_schema?.join('\u0000') ?? '');
      if (leaf !== undefined) {
        // pyarrow decodes by the schema's type, hyparquet by the chunk's: a difference would give wrong values.
        if (leaf.type !== meta.type) return `${at}: its metadata gives the type ${meta.type}, the schema ${leaf.type}`;
        // One value (or null) per row unless repeated: pyarrow stops reading pages at the chunk's count, and
        // refuses a column shorter than the group.
        if (!leaf.repeated && meta.num_values < group.num_rows) {
          return `${at}: it holds ${meta.num_values} values for the row group's ${group.num_rows} rows`;
        }
      }
      if (meta.num_values === 0n) continue; // an empty chunk (pyarrow writes offset 0) has no pages to read
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      const first = Math.min(start, Number(meta.data_page_offset));
      const length = Number(meta.total_compressed_size);
      if (!(first >= 4) || !(length >= 0) || first + length > dataEnd) {
        return `${at}: its pages (bytes ${first} to ${first + length}) lie outside the file's data (bytes 4 to ${dataEnd})`;
      }
    }
  }
  if (rows !== metadata.num_rows) return `the row groups hold ${rows} rows, the footer says ${metadata.num_rows}`;
  return undefined;
}

/** The leaf columns of the schema by path (joined with NUL): physical type and whether any level repeats. */
function schemaLeaves(metadata: FileMetaData): Map<string, { readonly type: unknown; readonly repeated: boolean }> {
  const leaves = new Map<string, { readonly type: unknown; readonly repeated: boolean }>();
  const schema = metadata.schema;
  let next = 1;
  const walk = (prefix: readonly string[], children: number, repeated: boolean, depth: number): void => {
    for (let k = 0; k < children && next < schema.length && depth < 1000; k++) {
      const element = schema[next++] as (typeof schema)[number];
      const path = [...prefix, String(element.name)];
      const repeats = repeated || element.repetition_type === 'REPEATED';
      if (element.num_children) walk(path, element.num_children, repeats, depth + 1);
      else leaves.set(path.join('\u0000'), { type: element.type, repeated: repeats });
    }
  };
  walk([], schema[0]?.num_children ?? 0, false, 0);
  return leaves;
}
