import { InputError } from '@driftwatch/core';
import type { z } from 'zod';
import { modelMonitorConstraintsSchema, modelMonitorStatisticsSchema, modelMonitorViolationsSchema } from './modelMonitorSchemas.js';

const schemas = {
  statistics: modelMonitorStatisticsSchema,
  constraints: modelMonitorConstraintsSchema,
  violations: modelMonitorViolationsSchema,
} as const;

/** Which Model Monitor file a text is. */
export type ModelMonitorFileKind = keyof typeof schemas;

/** `$.features[2].numerical_statistics.mean`: a JSON path as JSONPath writes it. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Parses the text of a Model Monitor `statistics.json`, `constraints.json` or
 * `constraint_violations.json`. A file that is not JSON, or whose fields do not
 * follow the documented schema, is one `InputError` naming the file and the
 * JSON path of the first problem (`statistics.json: $.features[1].numerical_statistics.common.num_present: …`),
 * with the count of further problems. Unknown keys (custom statistics) are kept.
 */
export function parseModelMonitorFile<K extends ModelMonitorFileKind>(kind: K, text: string, file: string): z.output<(typeof schemas)[K]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError('INPUT_BAD_JSON', `${file}: not a Model Monitor ${kind} file: ${(cause as Error).message}`, {
      cause,
      location: { file },
    });
  }
  const parsed = schemas[kind].safeParse(json);
  if (parsed.success) return parsed.data as z.output<(typeof schemas)[K]>;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  throw new InputError('INPUT_BAD_SCHEMA', `${file}: ${formatJsonPath(first.path)}: ${first.message}${more}`, {
    location: { file, field: formatJsonPath(first.path) },
  });
}
