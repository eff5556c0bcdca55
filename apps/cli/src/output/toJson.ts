import { toJsonText } from '@driftwatch/core';

/**
 * JSON text for a result, indented, with a final line break. Non-finite numbers, which JSON
 * cannot hold, become the strings `"Infinity"`, `"-Infinity"` and `"NaN"` (core's `toJsonText`).
 */
export function toJson(value: unknown): string {
  return `${toJsonText(value, { space: 2 })}\n`;
}
