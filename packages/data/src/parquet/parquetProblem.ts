/** Thrown by the strict string parser for bytes that are not UTF-8 (caught and reworded by the readers). */
export class ParquetNotUtf8 extends Error {}

/** Messages of the JavaScript engine (not of the file): never shown to a user. */
const engineText =
  /Cannot read propert|undefined|Invalid typed array length|is not a function|is not iterable|Maximum call stack|out of bounds|out of range|Invalid array length|NaN|BigInt|offset is outside/i;

/**
 * A decoding failure in plain words. hyparquet's own messages (`parquet unsupported encoding: …`) are kept
 * without their prefix; errors of the JavaScript engine on damaged data (`Cannot read properties of undefined`,
 * `Invalid typed array length`, …) become one sentence about the file instead.
 */
export function parquetProblem(error: unknown): string {
  if (error instanceof ParquetNotUtf8) return 'a string value is not valid UTF-8';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError || error instanceof RangeError || engineText.test(message) || message.length > 200) {
    return 'the data is damaged (a length, offset or count in the file does not fit the bytes it describes)';
  }
  return message.replace(/^parquet /i, '');
}
