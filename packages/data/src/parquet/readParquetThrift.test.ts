import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParquetThriftError, readParquetThrift } from './readParquetThrift.js';

// Thrift compact protocol by hand: a field header is (id delta << 4) | type; i32 values are zigzag varints.
const I32 = 5;
const I16 = 4;
const I64 = 6;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;
const STOP = 0;
const field = (delta: number, type: number) => (delta << 4) | type;
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** A DataPageHeader of 10 values (PLAIN, levels RLE), as pyarrow writes it. */
const dataPageHeader = [field(1, I32), zigzag(10), field(1, I32), 0, field(1, I32), zigzag(3), field(1, I32), zigzag(3), STOP];
/** A PageHeader: DATA_PAGE, sizes 17 and 17, then `inner` as its data_page_header (field 5). */
const pageHeader = (inner: number[]) =>
  Uint8Array.from([field(1, I32), 0, field(1, I32), zigzag(17), field(1, I32), zigzag(17), field(2, STRUCT), ...inner]);

function failure(bytes: Uint8Array, name: string): ParquetThriftError {
  try {
    readParquetThrift(bytes, 0, name);
  } catch (error) {
    if (error instanceof ParquetThriftError) return error;
    throw error;
  }
  throw new Error('expected a ParquetThriftError');
}

describe('readParquetThrift', () => {
  it('reads a page header of the fuzz base file (pyarrow) with its values and end', () => {
    const base = readFileSync(fileURLToPath(new URL('./__fixtures__/fuzz-base.parquet', import.meta.url)));
    // The first data page of column i32 starts at byte 54 (after its dictionary page), its data at 73.
    const { value, end } = readParquetThrift(base, 54, 'PageHeader');
    expect(end).toBe(73);
    expect(value.type).toBe(0);
    expect(value.compressed_page_size).toBe(17);
    expect(value.data_page_header).toEqual({
      num_values: 10,
      encoding: 8,
      definition_level_encoding: 3,
      repetition_level_encoding: 3,
      statistics: {},
    });
  });

  it('refuses a missing required field, naming its path', () => {
    // The repetition level encoding (field 4) left out.
    const error = failure(pageHeader([field(1, I32), zigzag(10), field(1, I32), 0, field(1, I32), zigzag(3), STOP, STOP]), 'PageHeader');
    expect(error.path).toEqual(['data_page_header', 'repetition_level_encoding']);
    expect(error.message).toBe('data_page_header.repetition_level_encoding: the required field is missing');
  });

  it('refuses a required field of the wrong type (Thrift skips it, so it is missing)', () => {
    const error = failure(
      pageHeader([field(1, I32), zigzag(10), field(1, I16), 0, field(1, I32), zigzag(3), field(1, I32), zigzag(3), STOP, STOP]),
      'PageHeader',
    );
    expect(error.message).toBe(
      'data_page_header.encoding: the required field has the wrong type (a 16-bit integer where a 32-bit integer belongs)',
    );
  });

  it('ignores an optional field of the wrong type, as Thrift skips it (pyarrow reads such a file)', () => {
    // crc (field 4, i32) written as bytes.
    const bytes = Uint8Array.from([
      field(1, I32),
      0,
      field(1, I32),
      zigzag(17),
      field(1, I32),
      zigzag(17),
      field(1, BINARY),
      1,
      0x41,
      STOP,
    ]);
    const { value, end } = readParquetThrift(bytes, 0, 'PageHeader');
    expect(end).toBe(bytes.length);
    expect(value).toEqual({ type: 0, uncompressed_page_size: 17, compressed_page_size: 17 });
  });

  it('skips unknown fields, nested ones too, as Thrift does', () => {
    // Field 9 (unknown; data_page_header is field 5): a struct holding a list of two strings and a long-form field id 300.
    const unknown = [field(4, STRUCT), field(1, LIST), (2 << 4) | BINARY, 1, 0x61, 1, 0x62, I64, ...[0xd8, 0x04], 2, STOP];
    const bytes = pageHeader([...dataPageHeader, ...unknown, STOP]);
    const { value, end } = readParquetThrift(bytes, 0, 'PageHeader');
    expect(end).toBe(bytes.length);
    expect(value.uncompressed_page_size).toBe(17);
    expect(Object.keys(value)).toEqual(['type', 'uncompressed_page_size', 'compressed_page_size', 'data_page_header']);
  });

  it('reads a list whose elements are declared as another integer type as Thrift does (by the field type)', () => {
    // SizeStatistics.definition_level_histogram (list<i64>) written as list<i16>: both zigzag varints.
    const { value } = readParquetThrift(Uint8Array.from([field(3, LIST), (2 << 4) | I16, zigzag(5), zigzag(7), STOP]), 0, 'SizeStatistics');
    expect(value.definition_level_histogram).toEqual([5n, 7n]);
    // An empty list declares any element type (pyarrow reads it; seen in a longer fuzz run).
    expect(readParquetThrift(Uint8Array.from([field(3, LIST), 7, STOP]), 0, 'SizeStatistics').value).toEqual({
      definition_level_histogram: [],
    });
    // A list of strings where integers belong is read differently by hyparquet: refused.
    const error = failure(Uint8Array.from([field(3, LIST), (1 << 4) | BINARY, 1, 0x61, STOP]), 'SizeStatistics');
    expect(error.message).toBe('definition_level_histogram: a list of bytes where a list of a 64-bit integer belongs');
  });

  it('refuses what Thrift refuses: long varints, negative sizes, unknown types, running out, deep nesting', () => {
    const varint = Uint8Array.from([field(1, I32), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, STOP]);
    expect(failure(varint, 'PageHeader').message).toBe('type: a variable-length integer runs over 10 bytes');
    const negative = Uint8Array.from([field(1, BINARY), 0xff, 0xff, 0xff, 0xff, 0x0f, STOP]);
    expect(failure(negative, 'KeyValue').message).toBe('key: a byte string has a negative size (-1)');
    expect(failure(Uint8Array.from([field(1, 14)]), 'KeyValue').message).toBe('unknown thrift type code 14');
    expect(failure(Uint8Array.from([field(1, I32), zigzag(3)]), 'PageHeader').message).toBe('it ends early (the bytes run out)');
    const deep = Uint8Array.from([...new Array(70).fill(field(9, STRUCT)), ...new Array(71).fill(STOP)]);
    expect(failure(deep, 'KeyValue').message).toBe('nested more than 64 levels deep');
  });
});
