/**
 * A valid Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`) for a dimension name: characters
 * outside `[a-zA-Z0-9_]` become `_`, a leading digit gets a `_` before it, and leading
 * underscores collapse to none, since names starting with `__` are reserved for Prometheus's own
 * use (`__name__`, `__address__`). An empty name becomes `_`.
 */
export function sanitizeLabelName(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^_+/, '');
  if (clean === '') return '_';
  return /^[0-9]/.test(clean) ? `_${clean}` : clean;
}
