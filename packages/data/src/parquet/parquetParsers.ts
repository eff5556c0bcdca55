import type { ParquetReadOptions } from 'hyparquet';

/** hyparquet parsers giving dates and timestamps as epoch milliseconds (numbers) instead of `Date`s. */
export const parquetParsers: ParquetReadOptions['parsers'] = {
  timestampFromMilliseconds: (millis: bigint) => Number(millis),
  timestampFromMicroseconds: (micros: bigint) => Number(micros) / 1e3,
  timestampFromNanoseconds: (nanos: bigint) => Number(nanos) / 1e6,
  dateFromDays: (days: number) => days * 86_400_000,
};
