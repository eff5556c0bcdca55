/**
 * A valid Prometheus metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) for a Driftwatch point name: every
 * character outside `[a-zA-Z0-9_]` (dots included) becomes `_` — colons too, since Prometheus
 * reserves them for recording rules — and runs of `_` collapse to one. A name that would start
 * with a digit gets a leading `_`. With a `prefix` (itself sanitised), the result is
 * `<prefix>_<name>`: `drift.score` with prefix `driftwatch` is `driftwatch_drift_score`.
 */
export function sanitizeMetricName(name: string, prefix = ''): string {
  const clean = (s: string) => s.replace(/[^a-zA-Z0-9_]+/g, '_').replace(/_{2,}/g, '_');
  const body = clean(name).replace(/^_+|_+$/g, '');
  const head = clean(prefix).replace(/^_+|_+$/g, '');
  const joined = head === '' ? body : body === '' ? head : `${head}_${body}`;
  if (joined === '') return '_';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}
