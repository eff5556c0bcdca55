/**
 * A sample value as the text format writes it, which Go's `strconv.ParseFloat` reads back
 * exactly: `NaN`, `+Inf`, `-Inf`, or JavaScript's shortest round-trip form (`0.25`, `1e-7`,
 * `1.7976931348623157e+308`).
 */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
