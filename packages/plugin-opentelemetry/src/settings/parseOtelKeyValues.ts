/** What {@link parseOtelKeyValues} read, or why it could not. */
export type KeyValuesParse =
  | { readonly ok: true; readonly values: Record<string, string> }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses the `key1=value1,key2=value2` lists of `OTEL_RESOURCE_ATTRIBUTES` and
 * `OTEL_EXPORTER_OTLP_*HEADERS` as the OpenTelemetry specification defines them (the W3C Baggage
 * format without properties): pairs separated by commas, spaces around keys and values trimmed,
 * values percent-decoded, empty members skipped. A member without `=`, with an empty key, or with
 * a value that does not percent-decode makes the whole list invalid: the specification says to
 * discard it then, and the caller reports `reason`.
 */
export function parseOtelKeyValues(text: string): KeyValuesParse {
  const values: Record<string, string> = {};
  for (const member of text.split(',')) {
    if (member.trim() === '') continue;
    const eq = member.indexOf('=');
    if (eq < 0) return { ok: false, reason: `"${member.trim()}" is not key=value` };
    const key = member.slice(0, eq).trim();
    if (key === '') return { ok: false, reason: `"${member.trim()}" has an empty key` };
    try {
      values[key] = decodeURIComponent(member.slice(eq + 1).trim());
    } catch {
      return { ok: false, reason: `the value of "${key}" is not valid percent-encoding` };
    }
  }
  return { ok: true, values };
}
