/** A label cut to `max` characters (code points) with an ellipsis, for axis text; the full text goes in a `<title>`. */
export function truncateLabel(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(max - 1, 1)).join('')}…`;
}
