/** Longest name, in characters, a message quotes whole. */
export const maxQuotedName = 80;

/**
 * A column name as messages quote it: `"age"`, or for a name longer than {@link maxQuotedName} its start,
 * an ellipsis and its length (`"a,b,c…" (10485760 characters)`), so a runaway header is never echoed whole.
 */
export function shortName(name: string): string {
  if (name.length <= maxQuotedName) return JSON.stringify(name);
  return `${JSON.stringify(`${name.slice(0, maxQuotedName)}…`)} (${name.length} characters)`;
}

/** Column names for a message: each {@link shortName}, at most 20, then `…`. */
export function listedNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((n) => (n.length <= maxQuotedName ? n : shortName(n)));
  return names.length > 20 ? `${shown.join(', ')}, …` : shown.join(', ');
}
