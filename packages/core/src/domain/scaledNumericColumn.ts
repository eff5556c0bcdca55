import type { NumericColumn, ScaledDecimals } from './Frame.js';

/** 10^0 … 10^9, each exact in binary64 (made by exact multiplications, not `**`). */
const powersOfTen = new Float64Array(10);
for (let k = 0, p = 1; k < 10; k++, p *= 10) powersOfTen[k] = p;

/**
 * The doubles `ints[i] / 10^scale`, into `out` when given (at least as long). Each is one division
 * of two exact doubles, so it is the correctly rounded value of the decimal the integer and scale
 * spell: the double a reader parses from that text, to the bit.
 */
export function decodeScaled(scaled: ScaledDecimals, out?: Float64Array): Float64Array {
  const { ints, scale } = scaled;
  const n = ints.length;
  const values = out && out.length >= n ? out.subarray(0, n) : new Float64Array(n);
  if (scale === 0) {
    for (let i = 0; i < n; i++) values[i] = ints[i] as number;
  } else {
    const divisor = powersOfTen[scale] as number;
    for (let i = 0; i < n; i++) values[i] = (ints[i] as number) / divisor;
  }
  return values;
}

/**
 * A numeric column stored as scaled decimals, 4 bytes a value instead of 8.
 *
 * Its `values` are decoded the first time they are read; the column then keeps the doubles and
 * drops `scaled`, becoming an ordinary float column (never both arrays at once). A consumer that
 * wants the doubles only for a while decodes `scaled` itself ({@link decodeScaled}, into an array of
 * its own), and one that can work on the integers reads them. `scaled` is not enumerable, so a spread copy of the column (which
 * reads `values`) is a float column and cannot carry integers that no longer match its values.
 */
export function scaledNumericColumn<T extends Omit<NumericColumn, 'values' | 'scaled'>>(
  fields: T,
  scaled: ScaledDecimals,
): T & NumericColumn {
  const column = { ...fields } as T & NumericColumn;
  Object.defineProperty(column, 'scaled', { value: scaled, enumerable: false, configurable: true });
  Object.defineProperty(column, 'values', {
    enumerable: true,
    configurable: true,
    get(this: NumericColumn): Float64Array {
      const values = decodeScaled(this.scaled ?? scaled);
      Object.defineProperty(this, 'values', { value: values, enumerable: true, configurable: true });
      delete (this as { scaled?: ScaledDecimals }).scaled;
      return values;
    },
  });
  return column;
}

/**
 * The fields of a column other than its values, without reading them (which would decode a scaled
 * column): what a copy or a message of it needs besides the integers.
 */
export function fieldsWithoutValues<T extends NumericColumn>(column: T): Omit<T, 'values' | 'scaled'> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(column)) if (key !== 'values') fields[key] = (column as unknown as Record<string, unknown>)[key];
  return fields as Omit<T, 'values' | 'scaled'>;
}
