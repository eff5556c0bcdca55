/**
 * JSON text for a result. Non-finite numbers, which JSON cannot hold, become
 * the strings `"Infinity"`, `"-Infinity"` and `"NaN"` (a chi-squared
 * statistic is infinite when the current data has a category the reference
 * lacks), so the output always parses.
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
