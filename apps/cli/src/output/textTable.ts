/**
 * A function that pads a row's cells to the widest cell of each column (counted in code points)
 * and joins them with two spaces, trailing spaces trimmed.
 */
export function columnPadder(header: readonly string[], rows: readonly (readonly string[])[]): (cells: readonly string[]) => string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  return (cells) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] as number) - [...c].length))
      .join('  ')
      .trimEnd();
}

/** An aligned plain-text table with a rule under the header. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const pad = columnPadder(header, rows);
  const rule = header.map((h, i) => '─'.repeat(Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length))));
  return [pad(header), rule.join('  '), ...rows.map(pad)].join('\n');
}

/** A GitHub-flavoured Markdown table; pipes in cells are escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
