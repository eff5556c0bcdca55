/** 1 when `answer` equals one of `references` character for character, else 0. */
export function exactMatch(answer: string, references: readonly string[]): number {
  return references.includes(answer) ? 1 : 0;
}
