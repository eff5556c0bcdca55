/**
 * A field as CSV text (RFC 4180), quoted when it needs it: a comma, quote or line break, and also
 * leading or trailing spaces or tabs (so a reader that trims unquoted fields keeps them); quotes
 * inside are doubled. Every CSV Driftwatch writes (metric sinks, training data) goes through this,
 * and `splitCsvLine` / `readCsv` read it back unchanged.
 */
export function quoteCsvField(text: string): string {
  if (/[",\r\n]/.test(text) || /^[ \t]|[ \t]$/.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** One CSV line: the fields quoted by {@link quoteCsvField}, joined by commas, ending in `\n`. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + quoteCsvField(fields[i] as string);
  return `${line}\n`;
}
