const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const infinity = /^([+-]?)inf(?:inity)?$/i;
const notANumber = /^[+-]?nan$/i;

/**
 * Reads `text` as a number the way the CSV reader does: decimal notation with
 * an optional sign, decimal point and exponent, `inf`/`infinity` in any case,
 * surrounding spaces and tabs allowed. Returns the value (correctly rounded:
 * `Number()` of a validated decimal), `NaN` for a spelling of NaN (read as
 * missing), or `undefined` when the text is not a number at all.
 */
export function parseNumberText(text: string): number | undefined {
  let t = text;
  if (t.length > 0 && (isBlank(t.charCodeAt(0)) || isBlank(t.charCodeAt(t.length - 1)))) t = t.replace(/^[ \t]+|[ \t]+$/g, '');
  if (decimal.test(t)) return Number(t);
  const inf = infinity.exec(t);
  if (inf) return inf[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (notANumber.test(t)) return Number.NaN;
  return undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
