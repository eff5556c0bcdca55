/**
 * A label value as it is written between the double quotes of the text exposition format
 * (version 0.0.4): backslash, double quote and line feed become `\\`, `\"` and `\n`; every other
 * character (any UTF-8) stays as it is.
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));
}

/** A `# HELP` docstring as the text format wants it: backslash and line feed escaped (quotes are not). */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === '\\' ? '\\\\' : '\\n'));
}
