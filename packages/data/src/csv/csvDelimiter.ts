import { UsageError } from '@driftwatch/core';

/**
 * The byte of a CSV delimiter option: one ASCII character that cannot be part
 * of a number or a line break. Default `,`, or a tab when `tabByDefault`
 * (`.tsv` files).
 */
export function csvDelimiter(delimiter: string | undefined, tabByDefault: boolean): number {
  if (delimiter === undefined) return tabByDefault ? 9 : 44;
  const c = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || c > 127 || /[0-9.+\-eE"\r\n]/.test(delimiter)) {
    throw new UsageError(
      `invalid CSV delimiter ${JSON.stringify(delimiter)}: use one ASCII character that is not a digit, sign, decimal point, "e", quote or line break`,
    );
  }
  return c;
}
