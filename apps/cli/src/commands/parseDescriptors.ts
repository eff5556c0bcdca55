import { type DriftOptions, UsageError } from '@driftwatch/core';

type Descriptors = NonNullable<DriftOptions['textDescriptors']>;
type Mutable = Record<string, { regex?: Record<string, string>; contains?: Record<string, string[]>; beginsWith?: Record<string, string> }>;

/**
 * `--descriptor` values: `COLUMN:regex:NAME=PATTERN` (the whole text matches), `COLUMN:contains:NAME=a|b`
 * (contains any of the `|`-separated items) and `COLUMN:begins_with:NAME=PREFIX`, into the drift
 * engine's `textDescriptors`. A malformed spec or pattern is a usage error naming it.
 */
export function parseDescriptors(specs: readonly string[]): Descriptors | undefined {
  if (specs.length === 0) return undefined;
  const out: Mutable = {};
  for (const spec of specs) {
    const m = /^([^:]+):(regex|contains|begins_with):([^=]+)=(.+)$/s.exec(spec);
    if (!m) throw new UsageError(`--descriptor "${spec}" must read COLUMN:regex|contains|begins_with:NAME=VALUE`);
    const [, column, kind, name, value] = m as unknown as [string, string, string, string, string];
    const entry = out[column] ?? {};
    out[column] = entry;
    if (kind === 'regex') {
      try {
        new RegExp(value, 'u');
      } catch (error) {
        throw new UsageError(`--descriptor "${spec}": not a regular expression (${(error as Error).message})`);
      }
      entry.regex = { ...entry.regex, [name]: value };
    } else if (kind === 'contains') entry.contains = { ...entry.contains, [name]: value.split('|').filter((s) => s.length > 0) };
    else entry.beginsWith = { ...entry.beginsWith, [name]: value };
  }
  return out;
}
