/**
 * A strict reader of Parquet's thrift structures (compact protocol), run next to hyparquet's lenient one to
 * refuse what pyarrow (Apache Thrift's C++ reader) refuses: a required field that is missing, a field of a
 * known id written with the wrong type (which Thrift skips: a required one is then missing, an optional one is
 * left out of the value as pyarrow ignores it), a varint
 * longer than 10 bytes, a negative or oversized length, an unknown type code, nesting deeper than 64. Unknown
 * field ids are skipped, as Thrift skips them. Field ids, types and required flags are parquet.thrift's.
 */

/** A field's type in parquet.thrift (enums are `i32`). */
type FieldType = 'bool' | 'i8' | 'i16' | 'i32' | 'i64' | 'double' | 'binary' | { readonly list: FieldType } | { readonly struct: string };

interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly required?: true;
}

const list = (of: FieldType) => ({ list: of });
const struct = (name: string) => ({ struct: name });
const req = (name: string, type: FieldType): Field => ({ name, type, required: true });
const opt = (name: string, type: FieldType): Field => ({ name, type });

/** parquet.thrift's structs (unions read as structs of optional fields, as Thrift's C++ reader does), by field id. */
const structs: Readonly<Record<string, Readonly<Record<number, Field>>>> = {
  Empty: {},
  Statistics: {
    1: opt('max', 'binary'),
    2: opt('min', 'binary'),
    3: opt('null_count', 'i64'),
    4: opt('distinct_count', 'i64'),
    5: opt('max_value', 'binary'),
    6: opt('min_value', 'binary'),
    7: opt('is_max_value_exact', 'bool'),
    8: opt('is_min_value_exact', 'bool'),
  },
  SizeStatistics: {
    1: opt('unencoded_byte_array_data_bytes', 'i64'),
    2: opt('repetition_level_histogram', list('i64')),
    3: opt('definition_level_histogram', list('i64')),
  },
  BoundingBox: {
    1: req('xmin', 'double'),
    2: req('xmax', 'double'),
    3: req('ymin', 'double'),
    4: req('ymax', 'double'),
    5: opt('zmin', 'double'),
    6: opt('zmax', 'double'),
    7: opt('mmin', 'double'),
    8: opt('mmax', 'double'),
  },
  GeospatialStatistics: { 1: opt('bbox', struct('BoundingBox')), 2: opt('geospatial_types', list('i32')) },
  DecimalType: { 1: req('scale', 'i32'), 2: req('precision', 'i32') },
  TimeUnit: { 1: opt('MILLIS', struct('Empty')), 2: opt('MICROS', struct('Empty')), 3: opt('NANOS', struct('Empty')) },
  TimestampType: { 1: req('isAdjustedToUTC', 'bool'), 2: req('unit', struct('TimeUnit')) },
  TimeType: { 1: req('isAdjustedToUTC', 'bool'), 2: req('unit', struct('TimeUnit')) },
  IntType: { 1: req('bitWidth', 'i8'), 2: req('isSigned', 'bool') },
  VariantType: { 1: opt('specification_version', 'i8') },
  GeometryType: { 1: opt('crs', 'binary') },
  GeographyType: { 1: opt('crs', 'binary'), 2: opt('algorithm', 'i32') },
  LogicalType: {
    1: opt('STRING', struct('Empty')),
    2: opt('MAP', struct('Empty')),
    3: opt('LIST', struct('Empty')),
    4: opt('ENUM', struct('Empty')),
    5: opt('DECIMAL', struct('DecimalType')),
    6: opt('DATE', struct('Empty')),
    7: opt('TIME', struct('TimeType')),
    8: opt('TIMESTAMP', struct('TimestampType')),
    10: opt('INTEGER', struct('IntType')),
    11: opt('UNKNOWN', struct('Empty')),
    12: opt('JSON', struct('Empty')),
    13: opt('BSON', struct('Empty')),
    14: opt('UUID', struct('Empty')),
    15: opt('FLOAT16', struct('Empty')),
    16: opt('VARIANT', struct('VariantType')),
    17: opt('GEOMETRY', struct('GeometryType')),
    18: opt('GEOGRAPHY', struct('GeographyType')),
  },
  SchemaElement: {
    1: opt('type', 'i32'),
    2: opt('type_length', 'i32'),
    3: opt('repetition_type', 'i32'),
    4: req('name', 'binary'),
    5: opt('num_children', 'i32'),
    6: opt('converted_type', 'i32'),
    7: opt('scale', 'i32'),
    8: opt('precision', 'i32'),
    9: opt('field_id', 'i32'),
    10: opt('logicalType', struct('LogicalType')),
  },
  DataPageHeader: {
    1: req('num_values', 'i32'),
    2: req('encoding', 'i32'),
    3: req('definition_level_encoding', 'i32'),
    4: req('repetition_level_encoding', 'i32'),
    5: opt('statistics', struct('Statistics')),
  },
  DictionaryPageHeader: { 1: req('num_values', 'i32'), 2: req('encoding', 'i32'), 3: opt('is_sorted', 'bool') },
  DataPageHeaderV2: {
    1: req('num_values', 'i32'),
    2: req('num_nulls', 'i32'),
    3: req('num_rows', 'i32'),
    4: req('encoding', 'i32'),
    5: req('definition_levels_byte_length', 'i32'),
    6: req('repetition_levels_byte_length', 'i32'),
    7: opt('is_compressed', 'bool'),
    8: opt('statistics', struct('Statistics')),
  },
  PageHeader: {
    1: req('type', 'i32'),
    2: req('uncompressed_page_size', 'i32'),
    3: req('compressed_page_size', 'i32'),
    4: opt('crc', 'i32'),
    5: opt('data_page_header', struct('DataPageHeader')),
    6: opt('index_page_header', struct('Empty')),
    7: opt('dictionary_page_header', struct('DictionaryPageHeader')),
    8: opt('data_page_header_v2', struct('DataPageHeaderV2')),
  },
  KeyValue: { 1: req('key', 'binary'), 2: opt('value', 'binary') },
  SortingColumn: { 1: req('column_idx', 'i32'), 2: req('descending', 'bool'), 3: req('nulls_first', 'bool') },
  PageEncodingStats: { 1: req('page_type', 'i32'), 2: req('encoding', 'i32'), 3: req('count', 'i32') },
  ColumnMetaData: {
    1: req('type', 'i32'),
    2: req('encodings', list('i32')),
    3: req('path_in_schema', list('binary')),
    4: req('codec', 'i32'),
    5: req('num_values', 'i64'),
    6: req('total_uncompressed_size', 'i64'),
    7: req('total_compressed_size', 'i64'),
    8: opt('key_value_metadata', list(struct('KeyValue'))),
    9: req('data_page_offset', 'i64'),
    10: opt('index_page_offset', 'i64'),
    11: opt('dictionary_page_offset', 'i64'),
    12: opt('statistics', struct('Statistics')),
    13: opt('encoding_stats', list(struct('PageEncodingStats'))),
    14: opt('bloom_filter_offset', 'i64'),
    15: opt('bloom_filter_length', 'i32'),
    16: opt('size_statistics', struct('SizeStatistics')),
    17: opt('geospatial_statistics', struct('GeospatialStatistics')),
  },
  EncryptionWithColumnKey: { 1: req('path_in_schema', list('binary')), 2: opt('key_metadata', 'binary') },
  ColumnCryptoMetaData: {
    1: opt('ENCRYPTION_WITH_FOOTER_KEY', struct('Empty')),
    2: opt('ENCRYPTION_WITH_COLUMN_KEY', struct('EncryptionWithColumnKey')),
  },
  ColumnChunk: {
    1: opt('file_path', 'binary'),
    2: req('file_offset', 'i64'),
    3: opt('meta_data', struct('ColumnMetaData')),
    4: opt('offset_index_offset', 'i64'),
    5: opt('offset_index_length', 'i32'),
    6: opt('column_index_offset', 'i64'),
    7: opt('column_index_length', 'i32'),
    8: opt('crypto_metadata', struct('ColumnCryptoMetaData')),
    9: opt('encrypted_column_metadata', 'binary'),
  },
  RowGroup: {
    1: req('columns', list(struct('ColumnChunk'))),
    2: req('total_byte_size', 'i64'),
    3: req('num_rows', 'i64'),
    4: opt('sorting_columns', list(struct('SortingColumn'))),
    5: opt('file_offset', 'i64'),
    6: opt('total_compressed_size', 'i64'),
    7: opt('ordinal', 'i16'),
  },
  ColumnOrder: {
    1: opt('TYPE_ORDER', struct('Empty')),
    2: opt('IEEE_754_TOTAL_ORDER', struct('Empty')),
    3: opt('INT96_TIMESTAMP_ORDER', struct('Empty')),
  },
  AesGcm: { 1: opt('aad_prefix', 'binary'), 2: opt('aad_file_unique', 'binary'), 3: opt('supply_aad_prefix', 'bool') },
  EncryptionAlgorithm: { 1: opt('AES_GCM_V1', struct('AesGcm')), 2: opt('AES_GCM_CTR_V1', struct('AesGcm')) },
  FileMetaData: {
    1: req('version', 'i32'),
    2: req('schema', list(struct('SchemaElement'))),
    3: req('num_rows', 'i64'),
    4: req('row_groups', list(struct('RowGroup'))),
    5: opt('key_value_metadata', list(struct('KeyValue'))),
    6: opt('created_by', 'binary'),
    7: opt('column_orders', list(struct('ColumnOrder'))),
    8: opt('encryption_algorithm', struct('EncryptionAlgorithm')),
    9: opt('footer_signing_key_metadata', 'binary'),
  },
};

/** A thrift value as read: numbers (i8/i16/i32 and enums), bigints (i64), booleans, bytes, lists and structs by field name. */
export type ThriftValue = number | bigint | boolean | Uint8Array | readonly ThriftValue[] | ThriftStruct;
export interface ThriftStruct {
  readonly [name: string]: ThriftValue | undefined;
}

/** A structure that Apache Thrift's reader refuses; `path` locates it (`row_groups`, 1, `columns`, 2, …). */
export class ParquetThriftError extends Error {
  constructor(
    readonly path: readonly (string | number)[],
    readonly problem: string,
  ) {
    super(`${path.length > 0 ? `${thriftPath(path)}: ` : ''}${problem}`);
  }
}

/** A field path as text: `meta_data.encoding_stats[1].count`. */
export function thriftPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

// Compact protocol type codes.
const TRUE = 1;
const FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const SET = 10;
const MAP = 11;
const STRUCT = 12;
const UUID = 13;

const typeNames: Readonly<Record<number, string>> = {
  [TRUE]: 'a boolean',
  [FALSE]: 'a boolean',
  [BYTE]: 'an 8-bit integer',
  [I16]: 'a 16-bit integer',
  [I32]: 'a 32-bit integer',
  [I64]: 'a 64-bit integer',
  [DOUBLE]: 'a double',
  [BINARY]: 'bytes',
  [LIST]: 'a list',
  [SET]: 'a set',
  [MAP]: 'a map',
  [STRUCT]: 'a structure',
  [UUID]: 'a UUID',
};

/** Apache Thrift's defaults as pyarrow sets them (`thrift_string_size_limit`, `thrift_container_size_limit`). */
const maxBytes = 100_000_000;
const maxElements = 1_000_000;
const maxDepth = 64;

/** Compact types whose values are encoded alike: booleans, and zigzag varints. */
function readAlike(type: number): string | undefined {
  if (type === TRUE || type === FALSE) return 'bool';
  if (type === I16 || type === I32 || type === I64) return 'varint';
  return undefined;
}

function wireType(type: FieldType): number {
  if (typeof type === 'object') return 'list' in type ? LIST : STRUCT;
  return { bool: TRUE, i8: BYTE, i16: I16, i32: I32, i64: I64, double: DOUBLE, binary: BINARY }[type];
}

/**
 * Reads the thrift structure `name` (a struct of parquet.thrift) at `offset` of `bytes`, strictly (see the
 * file's comment). Returns its fields by name and the offset after it; throws {@link ParquetThriftError}.
 */
export function readParquetThrift(bytes: Uint8Array, offset: number, name: string): { value: ThriftStruct; end: number } {
  const reader = new CompactReader(bytes, offset);
  const value = reader.struct(name, [], 0);
  return { value, end: reader.offset };
}

class CompactReader {
  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
  ) {}

  private fail(path: readonly (string | number)[], problem: string): never {
    throw new ParquetThriftError(path, problem);
  }

  private byte(path: readonly (string | number)[]): number {
    if (this.offset >= this.bytes.length) this.fail(path, 'it ends early (the bytes run out)');
    return this.bytes[this.offset++] as number;
  }

  /** An unsigned LEB128 varint of at most 10 bytes, as a bigint. */
  private varint(path: readonly (string | number)[]): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.byte(path);
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) return result;
    }
    this.fail(path, 'a variable-length integer runs over 10 bytes');
  }

  /** A zigzag varint truncated to `bits`, as Thrift's readI16 / readI32 / readI64 truncate it. */
  private zigzag(path: readonly (string | number)[], bits: 16 | 32 | 64): bigint {
    const n = this.varint(path);
    return BigInt.asIntN(bits, (n >> 1n) ^ -(n & 1n));
  }

  /** A varint32 size (Thrift reads it as a signed 32-bit number) checked against a limit. */
  private size(path: readonly (string | number)[], limit: number, what: string): number {
    const size = Number(BigInt.asIntN(32, this.varint(path)));
    if (size < 0) this.fail(path, `${what} has a negative size (${size})`);
    if (size > limit) this.fail(path, `${what} is too large (${size}, the limit is ${limit})`);
    return size;
  }

  private compactType(path: readonly (string | number)[], code: number): number {
    if (code < TRUE || code > UUID) this.fail(path, `unknown thrift type code ${code}`);
    return code;
  }

  struct(name: string, path: readonly (string | number)[], depth: number): ThriftStruct {
    if (depth >= maxDepth) this.fail(path, `nested more than ${maxDepth} levels deep`);
    const fields = structs[name] as Readonly<Record<number, Field>>;
    const value: Record<string, ThriftValue> = {};
    const wrongType = new Map<string, string>();
    let id = 0;
    for (;;) {
      const header = this.byte(path);
      const code = header & 0x0f;
      if (code === 0) break;
      const delta = header >> 4;
      id = delta !== 0 ? id + delta : Number(this.zigzag(path, 16));
      const type = this.compactType(path, code);
      const field = fields[id];
      if (field === undefined) {
        this.skip(type, path, depth + 1);
        continue;
      }
      const at = [...path, field.name];
      const expected = wireType(field.type);
      if (type === expected || (expected === TRUE && type === FALSE)) {
        value[field.name] = type === TRUE || type === FALSE ? type === TRUE : this.value(field.type, at, depth + 1);
      } else {
        // Thrift skips a field of the wrong type (pyarrow ignores an optional one), so a required one is missing.
        wrongType.set(field.name, `${typeNames[type]} where ${typeNames[expected]} belongs`);
        this.skip(type, at, depth + 1);
      }
    }
    for (const field of Object.values(fields)) {
      if (!field.required || field.name in value) continue;
      const wrong = wrongType.get(field.name);
      this.fail(
        [...path, field.name],
        wrong !== undefined ? `the required field has the wrong type (${wrong})` : 'the required field is missing',
      );
    }
    return value;
  }

  private value(type: FieldType, path: readonly (string | number)[], depth: number): ThriftValue {
    if (typeof type === 'object') {
      if ('struct' in type) return this.struct(type.struct, path, depth);
      const header = this.byte(path);
      const size = header >> 4 === 15 ? this.size(path, maxElements, 'a list') : header >> 4;
      const element = this.compactType(path, header & 0x0f);
      const expected = wireType(type.list);
      // Thrift reads the elements as the field's type whatever the list declares; hyparquet reads them as declared.
      // Both agree when the list is empty or the two are read alike (booleans; zigzag varints: 16-, 32-, 64-bit integers).
      if (size > 0 && element !== expected && !(readAlike(element) && readAlike(element) === readAlike(expected))) {
        this.fail(path, `a list of ${typeNames[element]} where a list of ${typeNames[expected]} belongs`);
      }
      // Each element takes at least one byte: a larger count is damage, not a reason to allocate.
      if (size > this.bytes.length - this.offset) this.fail(path, `a list of ${size} elements is longer than the bytes left`);
      const out: ThriftValue[] = [];
      for (let i = 0; i < size; i++) {
        // Booleans in a list take one byte each (1 is true).
        out.push(expected === TRUE ? this.byte([...path, i]) === TRUE : this.value(type.list, [...path, i], depth + 1));
      }
      return out;
    }
    switch (type) {
      case 'i8':
        return (this.byte(path) << 24) >> 24;
      case 'i16':
        return Number(this.zigzag(path, 16));
      case 'i32':
        return Number(this.zigzag(path, 32));
      case 'i64':
        return this.zigzag(path, 64);
      case 'double':
        this.take(path, 8);
        return new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset - 8, 8).getFloat64(0, true);
      case 'binary': {
        const size = this.size(path, maxBytes, 'a byte string');
        return this.take(path, size);
      }
      default:
        throw new Error(`thrift type ${type} is read in struct()`);
    }
  }

  private take(path: readonly (string | number)[], size: number): Uint8Array {
    if (size > this.bytes.length - this.offset)
      this.fail(path, `it ends early (${size} bytes announced, ${this.bytes.length - this.offset} left)`);
    const out = this.bytes.subarray(this.offset, this.offset + size);
    this.offset += size;
    return out;
  }

  /** Skips a value of compact type `type`, as Thrift's `skip` does (with its depth limit). */
  private skip(type: number, path: readonly (string | number)[], depth: number): void {
    if (depth >= maxDepth) this.fail(path, `nested more than ${maxDepth} levels deep`);
    switch (type) {
      case TRUE:
      case FALSE:
        return;
      case BYTE:
        this.byte(path);
        return;
      case I16:
      case I32:
      case I64:
        this.varint(path);
        return;
      case DOUBLE:
        this.take(path, 8);
        return;
      case UUID:
        this.take(path, 16);
        return;
      case BINARY:
        this.take(path, this.size(path, maxBytes, 'a byte string'));
        return;
      case LIST:
      case SET: {
        const header = this.byte(path);
        const size = header >> 4 === 15 ? this.size(path, maxElements, 'a list') : header >> 4;
        const element = this.compactType(path, header & 0x0f);
        for (let i = 0; i < size; i++) {
          if (element === TRUE || element === FALSE) this.byte(path);
          else this.skip(element, path, depth + 1);
        }
        return;
      }
      case MAP: {
        const size = this.size(path, maxElements, 'a map');
        if (size === 0) return;
        const types = this.byte(path);
        const key = this.compactType(path, types >> 4);
        const value = this.compactType(path, types & 0x0f);
        for (let i = 0; i < size; i++) {
          for (const t of [key, value]) {
            if (t === TRUE || t === FALSE) this.byte(path);
            else this.skip(t, path, depth + 1);
          }
        }
        return;
      }
      case STRUCT:
        for (;;) {
          const header = this.byte(path);
          const code = header & 0x0f;
          if (code === 0) return;
          if (header >> 4 === 0) this.zigzag(path, 16); // a long-form field id
          this.skip(this.compactType(path, code), path, depth + 1);
        }
      default:
        this.fail(path, `unknown thrift type code ${type}`);
    }
  }
}
