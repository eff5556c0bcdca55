import type { ParquetReadOptions } from 'hyparquet';
import { ParquetNotUtf8 } from './parquetProblem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** hyparquet parsers giving dates and timestamps as epoch milliseconds (numbers) instead of `Date`s, and strings decoded strictly. */
export const parquetParsers: ParquetReadOptions['parsers'] = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1e3,
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
  // Strict, as pyarrow: hyparquet's default decoder would turn bad bytes into U+FFFD silently.
  stringFromBytes: (bytes: Uint8Array | undefined) => {
    if (bytes === undefined) return undefined;
    try {
      return utf8.decode(bytes);
    } catch (error) {
      throw new ParquetNotUtf8('not UTF-8', { cause: error });
    }
  },
};
